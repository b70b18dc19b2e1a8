// FlowTestKit: placeholder until implemented.
