// FlowDashboard: placeholder until implemented.
