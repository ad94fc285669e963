"""delib.corpus"""
