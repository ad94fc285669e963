"""The ground floor of delib: errors, text and file helpers shared by every layer.

Nothing here imports anything of the project, so the house reads bottom-up: ``delib.base`` and
``delib.models``, then ``delib.extract``, then ``delib.warehouse``, then the batch job and the CLI.
"""
