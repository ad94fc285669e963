"""delib.warehouse"""
