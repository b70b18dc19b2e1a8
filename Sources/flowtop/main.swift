print("flowtop")
