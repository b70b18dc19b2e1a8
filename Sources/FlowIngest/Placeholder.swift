// FlowIngest: placeholder until implemented.
