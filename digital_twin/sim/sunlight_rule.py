"""The Korean sunlight-right rule (일조권) itself: its windows and thresholds, and whether minutes of sun pass.

At least 2 consecutive hours of direct sun between 09:00 and 15:00, OR at
least 4 hours in total between 08:00 and 16:00, on the winter solstice.
Apart from the shadow kernels (``sunlight``) so that checking parameters needs
no numba.
"""

from dataclasses import dataclass

import numpy as np

from digital_twin.sim.errors import InvalidTimeWindow
from digital_twin.sim.timesteps import SEOUL, TimeWindow, clock_minutes


def _clock(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class SunlightRule:
    run_window: tuple = ("09:00", "15:00")
    run_minutes: int = 120
    total_window: tuple = ("08:00", "16:00")
    total_minutes: int = 240

    def window(self, date, step_minutes=10, timezone=SEOUL):
        """The sampled window covering both of the rule's windows."""
        starts = [clock_minutes(self.run_window[0]), clock_minutes(self.total_window[0])]
        ends = [clock_minutes(self.run_window[1]), clock_minutes(self.total_window[1])]
        first, last = min(starts), max(ends)
        window = TimeWindow.of(date, _clock(first), _clock(last), step_minutes, timezone)
        for start, end in (self.run_window, self.total_window):
            if (clock_minutes(start) - first) % step_minutes or (clock_minutes(end) - first) % step_minutes:
                raise InvalidTimeWindow(f"a step of {step_minutes} min does not fit the rule's window {start}–{end}")
        return window

    def passes(self, total_minutes, run_minutes):
        return (np.asarray(run_minutes) >= self.run_minutes) | (np.asarray(total_minutes) >= self.total_minutes)


KOREAN_RULE = SunlightRule()
