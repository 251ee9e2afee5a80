"""Pure numerical kernels of the digital twin: numpy arrays in, numpy arrays out, no Django.

Kept apart from the models so that they can be tested and benchmarked alone and
run in a worker on another machine (see DESIGN.md, "Layout").
"""
