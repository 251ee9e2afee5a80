"""Validation of the simulation kernels (digital_twin/sim): analytic cases, no database."""
