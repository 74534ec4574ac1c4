"""Demo data: a simulated call-centre floor that writes real Asterisk logs.

Used for the bundled demo floor and for benchmarks, so neither needs anyone's
real call data.  The API lives in :mod:`floortui.demo.simulate` (import from
there: re-exporting ``simulate`` here would hide the module of the same name).
"""
