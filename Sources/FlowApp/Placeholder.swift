// FlowApp: placeholder until implemented.
