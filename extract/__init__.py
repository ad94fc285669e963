"""delib.extract"""
