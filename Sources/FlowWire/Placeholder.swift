// FlowWire: placeholder until implemented.
