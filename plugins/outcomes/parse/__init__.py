"""The parsing floor: bytes to text and YAML values with positions, knowing no format model.

It sits below `schema`, so mapping a validation error back to `file:line:col` never has
to reach up into `load`.
"""
