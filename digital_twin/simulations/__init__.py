"""Planner simulations as jobs: the kernels of ``digital_twin.sim`` run by the task worker on a study area.

One module, one job:

* ``parameters`` — a request's parameters checked and completed with every default;
* ``checks`` — what is refused before anything is queued (grid too large, no buildings);
* ``layout`` — the grids of a study area (the one results are given on, the padded one shadows need);
* ``buildings`` — the buildings a run sees (the scenario's state and the base city around it), the terrain;
* ``progress`` — progress and cancellation of one attempt, step by step; ``heartbeat`` — the companion process
  that shows the worker alive during long kernel calls;
* ``wind``, ``sun``, ``comparison`` — each analysis on the kernels, step by step;
* ``rasters``, ``overlays``, ``figures``, ``report`` — the result files: COGs, PNG overlays with legends,
  matplotlib figures, the committee's one-page report;
* ``runner`` — one attempt from claim to result; ``launch`` — create, cancel and re-queue runs;
* ``tasks`` — the background task; ``api`` — ``/api/v1/simulations/``.
"""
