print("emis")
