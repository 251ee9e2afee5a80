"""Pure numerical kernels of the digital twin: numpy arrays in, numpy arrays out, no Django.

Kept apart from the models so that they can be tested and benchmarked alone and
run in a worker on another machine (see DESIGN.md, "Layout"). One module, one
job:

* ``grid`` — the north-up EPSG:5186 raster grid (row 0 at the north edge);
* ``footprints`` — buildings as flat ragged coordinate arrays with heights and ids;
* ``rasterize`` — exact plan-area fractions, height statistics, dominant building, surface heights;
* ``frontal`` — frontal area index λf per wind direction;
* ``roughness`` — z0 and zd by Macdonald et al. (1998) or the rule of thumb of Grimmond & Oke (1999);
* ``morphometry`` — all of the above for a study area in one call;
* ``windrose`` — validated wind roses and Seoul's editable seasonal defaults (``data/seoul_wind_rose.json``);
* ``corridors`` — ventilation corridors as least-cost paths along the wind (Wong et al. 2010; Gál & Unger 2009);
* ``ventilation`` — corridors of every direction of a wind rose, combined by frequency;
* ``solar`` — NOAA solar position; ``timesteps`` — a day's sampled time window;
* ``shadows`` — ray-marched shadows over a height raster; ``facades`` — points in front of façades;
* ``rings``, ``gridwalk`` — numba helpers the kernels share (ring orientation, grid-line crossings);
* ``sunlight`` — sun hours and the Korean sunlight-right check on cells and façades;
* ``compare`` — scenario minus base, and the committee's summary numbers;
* ``guards`` — cell and memory estimates that refuse too-large requests; ``errors`` — the exceptions.

Conventions everywhere: coordinates in EPSG:5186 metres; angles in degrees;
sun azimuth clockwise from north; wind directions are where the wind blows
FROM, clockwise from north; heights in metres above the ground; durations in
whole minutes.
"""
