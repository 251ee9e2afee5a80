"""Deterministic data for the tile benchmark: reports, buildings and a browsing tile list over central Seoul.

Pure Python and numpy (pyproj for the CRS); no Django and no database, so the
generators can be tested alone. Everything happens in a 10 km × 10 km square
of EPSG:5186 (Korea 2000 / Central Belt 2010) metres centred on Seoul City
Hall (x 198 056.4, y 551 885.0), with the city's real holes: 남산, 인왕산,
북악산, the palaces, the former Yongsan base and a strip of the Han River.

- **Reports** (features, EPSG:4326) gather around a few dozen hot spots
  (stations, markets, school routes) as Gaussian clusters of different sizes
  and weights, over a uniform background; mostly points, some lines
  (dangerous walkways) and small polygons (flooded spots). Categories are
  the app's safety defaults, titles are Korean, dates spread over almost four
  years with evening peaks.
- **Buildings** (EPSG:5186) stand one per cell of a grid (a quarter of the
  cells merged into larger lots for offices and apartment blocks) inside a
  margin, rotated with their neighbourhood, so no two ever overlap; denser
  centres get more and taller buildings.
- **Tiles** are what people browsing the map request: viewports (a phone or
  a desktop screen of 512-px tiles) centred near the hot spots, a few
  anywhere in the area and a few around it (empty tiles), at zooms 10–16
  weighted toward the street level.

Each generator draws from ``numpy.random.default_rng`` seeded with the
benchmark's seed and a fixed stream number, so a seed gives the same data
and the same tiles byte for byte; rows are produced in chunks so memory
stays small at any size.
"""

import math
from collections import namedtuple
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
from pyproj import Transformer

from layers.categories import SAFETY_CATEGORIES

CENTRE = (198_056.4, 551_885.0)  # Seoul City Hall in EPSG:5186
HALF = 5_000.0  # the area is 10 km × 10 km
AREA = (CENTRE[0] - HALF, CENTRE[1] - HALF, CENTRE[0] + HALF, CENTRE[1] + HALF)
REGION_MARGIN = 8_000.0  # a few browsing sessions land in the districts around the area, where tiles are empty
RIVER_NORTH_BANK = CENTRE[1] - 4_500.0  # the Han River strip along the southern edge: no buildings, no reports

# Places without buildings: (dx, dy) from City Hall in metres, radius in metres.
EMPTY_ZONES = (
    (901, -1732, 700),  # 남산
    (-1793, 2132, 550),  # 인왕산
    (-88, 2941, 650),  # 북악산
    (-88, 1454, 330),  # 경복궁
    (1149, 1432, 300),  # 창덕궁
    (-300, -3300, 500),  # 용산 (former base, now a park)
    (-3600, 1200, 450),  # 안산
)

# Busy centres (dx, dy, radius, strength): more buildings, more large ones, more reports.
CENTRES = (
    (0, 0, 1500, 0.7),  # 시청
    (1219, 433, 1200, 0.6),  # 종로
    (2756, 521, 1000, 0.6),  # 동대문
    (-645, -1309, 800, 0.5),  # 서울역
    (-3641, -1264, 900, 0.5),  # 신촌
    (-4727, -1041, 900, 0.5),  # 홍대
    (-2351, -2463, 800, 0.4),  # 공덕
    (-1168, -4073, 900, 0.5),  # 용산
    (1466, -3552, 700, 0.4),  # 이태원
    (2085, 1742, 700, 0.4),  # 혜화
)

SAFETY_CATEGORY_KEYS = tuple(category["key"] for category in SAFETY_CATEGORIES)  # the app's safety defaults
STATUSES = ("published", "hidden", "rejected")
STATUS_WEIGHTS = (0.95, 0.03, 0.02)
KINDS = ("point", "line", "polygon")
KIND_WEIGHTS = (0.94, 0.045, 0.015)
CATEGORY_WEIGHTS = {  # in the order of SAFETY_CATEGORY_KEYS: dark-alley, walkway, broken, flooding, crime, other
    "point": (0.25, 0.15, 0.25, 0.08, 0.15, 0.12),
    "line": (0.25, 0.60, 0.00, 0.00, 0.00, 0.15),
    "polygon": (0.00, 0.00, 0.20, 0.60, 0.00, 0.20),
}
CLUSTERED_SHARE = 0.75
HOTSPOT_COUNT = 40

KST = timezone(timedelta(hours=9))
FIRST_REPORT = datetime(2023, 1, 1, tzinfo=KST)
LAST_REPORT = datetime(2026, 11, 1, tzinfo=KST)
HOUR_WEIGHTS = np.array([2, 1, 1, 1, 1, 1, 2, 4, 6, 5, 4, 4, 5, 4, 4, 4, 5, 6, 8, 9, 9, 8, 6, 4], dtype=float)

BUILDING_USES = ("residential", "commercial", "office", "mixed", "public", "industrial", "other")
USE_WEIGHTS = {  # (large lot, dense centre) -> weights in the order of BUILDING_USES
    (False, False): (0.80, 0.10, 0.01, 0.04, 0.01, 0.02, 0.02),
    (False, True): (0.50, 0.28, 0.04, 0.13, 0.01, 0.01, 0.03),
    (True, False): (0.45, 0.15, 0.05, 0.15, 0.10, 0.10, 0.00),
    (True, True): (0.05, 0.20, 0.40, 0.25, 0.10, 0.00, 0.00),
}
FLOORS = {  # floors above ground, inclusive, per use: (small lot, large lot)
    "residential": ((1, 5), (10, 25)),
    "commercial": ((1, 5), (3, 12)),
    "office": ((3, 8), (8, 30)),
    "mixed": ((3, 6), (6, 20)),
    "public": ((2, 4), (3, 10)),
    "industrial": ((1, 2), (1, 4)),
    "other": ((1, 2), (1, 3)),
}
STOREY_M = {
    "residential": (2.9, 3.1),
    "commercial": (3.6, 4.0),
    "office": (3.7, 4.0),
    "mixed": (3.4, 3.7),
    "public": (3.8, 4.2),
    "industrial": (4.0, 5.0),
    "other": (2.8, 3.2),
}
DENSE = 0.6
LARGE_LOT_SHARE = (0.06, 0.25)  # share of merged lots, from the sparsest to the densest neighbourhood

# Browsing: how often each zoom is looked at, and where.
ZOOM_WEIGHTS = {10: 0.03, 11: 0.04, 12: 0.07, 13: 0.13, 14: 0.25, 15: 0.25, 16: 0.23}
NEAR_HOTSPOT, IN_AREA = 0.82, 0.14  # the rest of the sessions land in the surrounding districts
EMPTY_SHARE = 0.1  # at most this share of the list lies beyond the area
VIEWPORTS = ((3.0, 2.0), (1.0, 2.0))  # desktop and phone, in 512-px tiles (MapLibre draws a z tile at z+1)

CHUNK = 10_000

FeatureRow = namedtuple("FeatureRow", "geometry category title summary status created author")
BuildingRow = namedtuple("BuildingRow", "geometry height floors_above floors_below use source_id")

_TO_LONLAT = Transformer.from_crs(5186, 4326, always_xy=True)


def to_lonlat(x, y):
    """EPSG:5186 metres to longitude/latitude (arrays or scalars)."""
    return _TO_LONLAT.transform(x, y)


def in_empty_zone(x, y):
    """Which points (EPSG:5186 arrays) fall in a park, a mountain or the river."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    empty = y < RIVER_NORTH_BANK
    for dx, dy, radius in EMPTY_ZONES:
        empty |= (x - CENTRE[0] - dx) ** 2 + (y - CENTRE[1] - dy) ** 2 < radius**2
    return empty


def density(x, y):
    """How built-up a place is, 0 (empty) to 1 (city centre)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    value = np.full(x.shape, 0.3)
    for dx, dy, radius, strength in CENTRES:
        value += strength * np.exp(-((x - CENTRE[0] - dx) ** 2 + (y - CENTRE[1] - dy) ** 2) / (2 * radius**2))
    return np.where(in_empty_zone(x, y), 0.0, np.clip(value, 0.05, 1.0))


# --- reports -----------------------------------------------------------------------------------------------------

Hotspots = namedtuple("Hotspots", "x y sigma weight")


def hotspots(seed, count=HOTSPOT_COUNT):
    """Where reports gather: 60 % near the busy centres, the rest anywhere on land; sizes and weights vary."""
    rng = np.random.default_rng([seed, 0])
    near = rng.random(count) < 0.6
    which = rng.integers(len(CENTRES), size=count)
    centres = np.array(CENTRES, dtype=float)[which]
    x = np.where(near, CENTRE[0] + centres[:, 0] + rng.normal(0, 1, count) * centres[:, 2] / 2, 0.0)
    y = np.where(near, CENTRE[1] + centres[:, 1] + rng.normal(0, 1, count) * centres[:, 2] / 2, 0.0)
    x[~near] = rng.uniform(AREA[0], AREA[2], (~near).sum())
    y[~near] = rng.uniform(RIVER_NORTH_BANK, AREA[3], (~near).sum())
    x, y = np.clip(x, AREA[0] + 300, AREA[2] - 300), np.clip(y, RIVER_NORTH_BANK + 300, AREA[3] - 300)
    sigma = np.clip(rng.lognormal(math.log(180), 0.6, count), 50, 700)
    weight = rng.lognormal(0, 1, count)
    return Hotspots(x, y, sigma, weight / weight.sum())


def _positions(rng, n, spots):
    """Report locations: Gaussian clusters around the hot spots plus a uniform background, inside the area."""
    x, y = np.empty(n), np.empty(n)
    todo = np.arange(n)
    for _ in range(50):
        k = len(todo)
        clustered = rng.random(k) < CLUSTERED_SHARE
        spot = rng.choice(len(spots.weight), size=k, p=spots.weight)
        x[todo] = np.where(
            clustered, spots.x[spot] + rng.normal(0, 1, k) * spots.sigma[spot], rng.uniform(AREA[0], AREA[2], k)
        )
        y[todo] = np.where(
            clustered, spots.y[spot] + rng.normal(0, 1, k) * spots.sigma[spot], rng.uniform(AREA[1], AREA[3], k)
        )
        outside = (x[todo] < AREA[0]) | (x[todo] > AREA[2]) | (y[todo] > AREA[3]) | (y[todo] < RIVER_NORTH_BANK)
        todo = todo[outside]
        if not len(todo):
            break
    x[todo] = np.clip(x[todo], AREA[0], AREA[2])
    y[todo] = np.clip(y[todo], RIVER_NORTH_BANK, AREA[3])
    return x, y


DONGS = (
    "청운효자동", "사직동", "삼청동", "부암동", "교남동", "가회동", "이화동", "혜화동", "창신동", "숭인동",
    "소공동", "회현동", "명동", "필동", "장충동", "광희동", "을지로동", "신당동", "다산동", "약수동",
    "청구동", "동화동", "황학동", "중림동", "후암동", "남영동", "청파동", "효창동", "용문동", "한강로동",
    "이태원동", "한남동", "충현동", "천연동", "북아현동", "신촌동", "연희동", "아현동", "공덕동", "도화동",
    "용강동", "대흥동", "염리동", "신수동", "서강동", "서교동", "합정동", "연남동", "무악동", "평창동",
)  # fmt: skip
PLACES = (
    "{dong} 주민센터 앞", "{dong} 골목", "{dong} 시장 입구", "{dong} 어린이공원 옆", "{dong} 초등학교 통학로",
    "{dong} 버스정류장", "{dong} 지하철역 출구 앞", "{dong} 교회 뒤 골목", "{dong} 빌라촌", "{dong} 편의점 앞",
    "{dong} 언덕길", "{dong} 굴다리 아래",
)  # fmt: skip
PHRASES = {
    "dark-alley": ("가로등이 꺼져 있어요", "밤에 너무 어두운 골목", "보안등 고장", "조명이 부족해 무서워요",
                   "가로등 간격이 너무 멀어요", "밤길이 캄캄합니다"),
    "walkway-danger": ("보도블록이 깨져 있어요", "횡단보도 신호가 너무 짧아요", "인도가 없어 차도로 걸어요",
                       "불법주차로 보행 위험", "계단 난간이 없어요", "차량 속도가 빨라 위험"),
    "broken-facility": ("벤치가 부서졌어요", "맨홀 뚜껑이 흔들려요", "안내판이 쓰러져 있어요",
                        "운동기구 고장", "펜스가 무너졌어요", "배수구 덮개 파손"),
    "flooding": ("비만 오면 물이 고여요", "빗물받이가 막혔어요", "지하 계단 침수", "도로 침수 상습 구역",
                 "배수가 안 돼요"),
    "crime-worry": ("CCTV가 없어요", "밤에 사람이 없어 불안해요", "빈집이 방치돼 있어요",
                    "비상벨이 작동하지 않아요", "으슥한 공터"),
    "other": ("쓰레기 무단투기", "악취가 심해요", "소음이 심해요", "공사장 안전펜스 문제", "유기견이 자주 보여요"),
}  # fmt: skip
SUMMARIES = {
    "dark-alley": "저녁 8시 이후로 골목 전체가 어두워서 아이들이 다니기 무섭습니다.",
    "walkway-danger": "출퇴근 시간에 사람이 많아 차도로 내려서 걷게 됩니다. 개선 부탁드립니다.",
    "broken-facility": "몇 주째 그대로 방치되어 있어요. 어르신들이 다칠까 걱정됩니다.",
    "flooding": "지난 장마 때도 발목까지 물이 찼습니다. 배수 점검이 필요해 보여요.",
    "crime-worry": "밤에 지나가기 불안합니다. 순찰이나 CCTV 설치를 요청합니다.",
    "other": "주민들이 불편을 겪고 있습니다. 확인 부탁드립니다.",
}


def feature_chunks(count, seed, authors=2_000, chunk=CHUNK):
    """``count`` reports as lists of ``FeatureRow`` (EWKT geometry in EPSG:4326), ``chunk`` at a time.

    ``author`` is an index below ``authors`` (a few people report a lot); the
    caller maps it to a user id.
    """
    spots = hotspots(seed)
    span = (LAST_REPORT - FIRST_REPORT).total_seconds()
    hours = HOUR_WEIGHTS / HOUR_WEIGHTS.sum()
    author_weights = 1.0 / np.arange(1, authors + 1) ** 0.8
    author_weights /= author_weights.sum()
    for index, start in enumerate(range(0, count, chunk)):
        n = min(chunk, count - start)
        rng = np.random.default_rng([seed, 1, index])
        x, y = _positions(rng, n, spots)
        kinds = rng.choice(len(KINDS), size=n, p=KIND_WEIGHTS)
        categories = np.empty(n, dtype=int)
        for k, kind in enumerate(KINDS):
            mask = kinds == k
            categories[mask] = rng.choice(len(SAFETY_CATEGORY_KEYS), size=mask.sum(), p=CATEGORY_WEIGHTS[kind])
        statuses = rng.choice(len(STATUSES), size=n, p=STATUS_WEIGHTS)
        days = np.floor(rng.random(n) ** 0.6 * span / 86_400)
        seconds = days * 86_400 + rng.choice(24, size=n, p=hours) * 3_600 + rng.integers(0, 3_600, n)
        author = rng.choice(authors, size=n, p=author_weights)
        dong = rng.integers(len(DONGS), size=n)
        place = rng.integers(len(PLACES), size=n)
        phrase = rng.integers(0, 60, size=n)
        with_summary = rng.random(n) < 0.6
        rows = []
        for i in range(n):
            category = SAFETY_CATEGORY_KEYS[categories[i]]
            phrases = PHRASES[category]
            title = f"{PLACES[place[i]].format(dong=DONGS[dong[i]])} {phrases[phrase[i] % len(phrases)]}"
            created = (FIRST_REPORT + timedelta(seconds=float(seconds[i]))).astimezone(UTC)
            rows.append(
                FeatureRow(
                    geometry=_report_geometry(rng, KINDS[kinds[i]], x[i], y[i]),
                    category=category,
                    title=title,
                    summary=SUMMARIES[category] if with_summary[i] else "",
                    status=STATUSES[statuses[i]],
                    created=created,
                    author=int(author[i]),
                )
            )
        yield rows


def _report_geometry(rng, kind, x, y):
    if kind == "point":
        lon, lat = to_lonlat(x, y)
        return f"SRID=4326;POINT({lon:.7f} {lat:.7f})"
    if kind == "line":  # a stretch of walkway: 2–5 vertices, 20–80 m apart, gently turning
        steps = int(rng.integers(1, 5))
        heading = rng.uniform(0, 2 * math.pi)
        xs, ys = [x], [y]
        for _ in range(steps):
            heading += rng.normal(0, 0.4)
            length = rng.uniform(20, 80)
            xs.append(xs[-1] + length * math.cos(heading))
            ys.append(ys[-1] + length * math.sin(heading))
        lons, lats = to_lonlat(np.array(xs), np.array(ys))
        return "SRID=4326;LINESTRING(" + ",".join(f"{a:.7f} {b:.7f}" for a, b in zip(lons, lats, strict=True)) + ")"
    # a flooded spot: a star-shaped ring of 6–10 vertices, 15–60 m across, so it is always simple
    vertices = int(rng.integers(6, 11))
    step = 2 * math.pi / vertices  # one vertex per sector: strictly increasing angles, gaps below π
    angles = rng.uniform(0, 2 * math.pi) + (np.arange(vertices) + rng.uniform(0, 0.8, vertices)) * step
    radius = rng.uniform(15, 60) * rng.uniform(0.7, 1.0, vertices)
    xs, ys = x + radius * np.cos(angles), y + radius * np.sin(angles)
    lons, lats = to_lonlat(np.append(xs, xs[0]), np.append(ys, ys[0]))
    return "SRID=4326;POLYGON((" + ",".join(f"{a:.7f} {b:.7f}" for a, b in zip(lons, lats, strict=True)) + "))"


# --- buildings ---------------------------------------------------------------------------------------------------


def _lots(count, rng):
    """Centres, sizes and densities of ``count`` non-overlapping square lots over the area.

    The area is cut into cells of side ``s`` grouped four by four into
    supercells; some supercells (more in dense places) are one large lot, the
    others four small ones. Lots are then drawn without replacement weighted
    by density (never in an empty zone). ``s`` shrinks with ``count`` so there
    are always about 40 % more candidate lots than buildings.
    """
    side = max(12.0, math.sqrt((2 * HALF) ** 2 * 0.85 / (1.4 * count)))
    for _ in range(20):
        big_side = 2 * side
        n = int(2 * HALF // big_side)
        offset = (2 * HALF - n * big_side) / 2
        gx, gy = np.meshgrid(np.arange(n), np.arange(n))
        sx = AREA[0] + offset + (gx.ravel() + 0.5) * big_side
        sy = AREA[1] + offset + (gy.ravel() + 0.5) * big_side
        d = density(sx, sy)
        large = rng.random(sx.size) < LARGE_LOT_SHARE[0] + (LARGE_LOT_SHARE[1] - LARGE_LOT_SHARE[0]) * d
        quarter = np.array([(-0.25, -0.25), (0.25, -0.25), (-0.25, 0.25), (0.25, 0.25)]) * big_side
        small = ~large
        cx = np.concatenate([sx[large], (sx[small][:, None] + quarter[:, 0]).ravel()])
        cy = np.concatenate([sy[large], (sy[small][:, None] + quarter[:, 1]).ravel()])
        cell = np.concatenate([np.full(large.sum(), big_side), np.full(small.sum() * 4, side)])
        weight = density(cx, cy)
        usable = weight > 0
        if usable.sum() >= count:
            break
        side *= 0.85
    else:  # pragma: no cover - the loop always finds room for any count a database can hold
        raise ValueError(f"cannot place {count} buildings in the area")
    cx, cy, cell, weight = cx[usable], cy[usable], cell[usable], weight[usable]
    keys = np.log(rng.random(cx.size)) / weight  # weighted sampling without replacement (largest keys win)
    chosen = np.sort(np.argpartition(-keys, count - 1)[:count]) if count < cx.size else np.arange(cx.size)
    chosen = rng.permutation(chosen)
    # rows arrive grouped by 1 km square, like an import district by district
    block = np.floor((cy[chosen] - AREA[1]) / 1000) * 100 + np.floor((cx[chosen] - AREA[0]) / 1000)
    chosen = chosen[np.argsort(block, kind="stable")]
    return cx[chosen], cy[chosen], cell[chosen], weight[chosen], cell[chosen] > side * 1.5


def building_chunks(count, seed, chunk=CHUNK * 2):
    """``count`` buildings as lists of ``BuildingRow`` (EWKT MultiPolygon in EPSG:5186), ``chunk`` at a time."""
    if count <= 0:
        return
    rng = np.random.default_rng([seed, 2])
    cx, cy, cell, dens, large = _lots(count, rng)
    # each 1 km square has its street grid's orientation; buildings follow it within a few degrees
    grid = rng.uniform(-25, 25, (10, 10))
    col = np.clip(((cx - AREA[0]) // 1000).astype(int), 0, 9)
    row = np.clip(((cy - AREA[1]) // 1000).astype(int), 0, 9)
    theta = np.radians(grid[row, col] + rng.normal(0, 3, count))
    margin = 0.75 + 0.06 * cell
    room = cell - 2 * margin
    area = np.where(
        large,
        np.clip(rng.lognormal(math.log(700), 0.5, count), 250, 3000),
        np.clip(rng.lognormal(math.log(110), 0.45, count), 40, 400),
    )
    aspect = rng.uniform(1.0, 2.2, count)
    width, depth = np.sqrt(area * aspect), np.sqrt(area / aspect)
    cos, sin = np.abs(np.cos(theta)), np.abs(np.sin(theta))
    fit = np.minimum(1.0, np.minimum(room / (width * cos + depth * sin), room / (width * sin + depth * cos)))
    width, depth = width * fit, depth * fit
    slack_x = np.maximum(0, room - (width * cos + depth * sin)) / 2
    slack_y = np.maximum(0, room - (width * sin + depth * cos)) / 2
    cx = cx + rng.uniform(-1, 1, count) * slack_x
    cy = cy + rng.uniform(-1, 1, count) * slack_y
    uses = np.empty(count, dtype=int)
    for (is_large, is_dense), weights in USE_WEIGHTS.items():
        mask = (large == is_large) & ((dens > DENSE) == is_dense)
        uses[mask] = rng.choice(len(BUILDING_USES), size=mask.sum(), p=weights)
    floor_draw, storey_draw, extra = rng.random(count), rng.random(count), rng.uniform(0, 1.5, count)
    below = np.where(large, rng.integers(1, 6, count), rng.integers(0, 2, count))
    for start in range(0, count, chunk):
        rows = []
        for i in range(start, min(count, start + chunk)):
            use = BUILDING_USES[uses[i]]
            low, high = FLOORS[use][int(large[i])]
            floors = low + int(floor_draw[i] * (high - low + 1))
            storey = STOREY_M[use][0] + storey_draw[i] * (STOREY_M[use][1] - STOREY_M[use][0])
            rows.append(
                BuildingRow(
                    geometry=_rectangle(cx[i], cy[i], width[i] / 2, depth[i] / 2, theta[i]),
                    height=round(float(floors * storey + extra[i]), 1),
                    floors_above=floors,
                    floors_below=int(below[i]),
                    use=use,
                    source_id=f"bench-{i:07d}",
                )
            )
        yield rows


def _rectangle(x, y, half_width, half_depth, theta):
    ux, uy = math.cos(theta), math.sin(theta)
    corners = [(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]  # counter-clockwise
    points = ",".join(
        f"{x + a * half_width * ux - b * half_depth * uy:.2f} {y + a * half_width * uy + b * half_depth * ux:.2f}"
        for a, b in corners
    )
    return f"SRID=5186;MULTIPOLYGON((({points})))"


# --- tiles -------------------------------------------------------------------------------------------------------


def tile_of(lon, lat, z):
    """Fractional Web Mercator tile coordinates of a point at zoom ``z``."""
    n = 2**z
    lat = max(min(lat, 85.0511), -85.0511)
    x = (lon + 180.0) / 360.0 * n
    y = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n
    return x, y


def area_tiles(z):
    """The range of tiles (x_min, x_max, y_min, y_max, inclusive) that touch the area at zoom ``z``."""
    west, north = to_lonlat(AREA[0], AREA[3])
    east, south = to_lonlat(AREA[2], AREA[1])
    (x0, y0), (x1, y1) = tile_of(west, north, z), tile_of(east, south, z)
    return math.floor(x0), math.floor(x1), math.floor(y0), math.floor(y1)


def pick_tiles(count, seed, zoom_weights=None):
    """A fixed list of at most ``count`` distinct tiles (z, x, y), in the order browsing sessions request them.

    Each session picks a zoom (``ZOOM_WEIGHTS``: mostly 14–16), a centre
    (82 % near a report hot spot, 14 % anywhere in the area, 4 % in the
    districts around it) and a desktop or phone viewport, and requests the
    tiles the viewport touches. A tile is listed once: a cold cache never
    gets a second request for it. A viewport over the area also requests
    its edge tiles beyond the data, as a real one does; sessions in the
    districts around the area add at most ``EMPTY_SHARE`` more empty tiles.
    The area and its edges hold about 1,100 distinct tiles at z10–z16: a
    ``count`` near that or above yields fewer tiles than asked, once the
    sessions stop finding new ones.
    """
    weights = zoom_weights or ZOOM_WEIGHTS
    zooms = np.array(sorted(weights))
    p = np.array([weights[z] for z in zooms], dtype=float)
    p /= p.sum()
    rng = np.random.default_rng([seed, 3])
    spots = hotspots(seed)
    ranges = {int(z): area_tiles(int(z)) for z in zooms}
    tiles, idle, outside = {}, 0, 0
    for _ in range(count * 100):
        if len(tiles) >= count or idle > 5_000:
            break
        z = int(rng.choice(zooms, p=p))
        where = rng.random()
        if where < NEAR_HOTSPOT:
            k = rng.choice(len(spots.weight), p=spots.weight)
            spread = 1.5 * spots.sigma[k] + 250
            for _ in range(20):  # people look at the reports, not past the edge of the data
                x, y = spots.x[k] + rng.normal(0, spread), spots.y[k] + rng.normal(0, spread)
                if AREA[0] <= x <= AREA[2] and AREA[1] <= y <= AREA[3]:
                    break
        elif where < NEAR_HOTSPOT + IN_AREA:
            x, y = rng.uniform(AREA[0], AREA[2]), rng.uniform(AREA[1], AREA[3])
        else:
            x = rng.uniform(AREA[0] - REGION_MARGIN, AREA[2] + REGION_MARGIN)
            y = rng.uniform(AREA[1] - REGION_MARGIN, AREA[3] + REGION_MARGIN)
        anywhere = where >= NEAR_HOTSPOT + IN_AREA
        x_min, x_max, y_min, y_max = ranges[z]
        width, height = VIEWPORTS[int(rng.random() < 0.5)]
        fx, fy = tile_of(*to_lonlat(float(x), float(y)), z)
        before = len(tiles)
        for ty in range(math.floor(fy - height / 2), math.floor(fy + height / 2) + 1):
            for tx in range(math.floor(fx - width / 2), math.floor(fx + width / 2) + 1):
                inside = x_min <= tx <= x_max and y_min <= ty <= y_max
                wanted = not anywhere or outside < EMPTY_SHARE * count
                if wanted and 0 <= tx < 2**z and 0 <= ty < 2**z and len(tiles) < count and (z, tx, ty) not in tiles:
                    tiles[(z, tx, ty)] = None
                    outside += anywhere and not inside
        idle = 0 if len(tiles) > before else idle + 1
    return list(tiles)


def zoom_histogram(tiles):
    counts = {}
    for z, _, _ in tiles:
        counts[z] = counts.get(z, 0) + 1
    return dict(sorted(counts.items()))
