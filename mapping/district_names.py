"""Names of Seoul's 25 autonomous districts (자치구), and a built-in boundary of 중구 for demos.

Boundary files often carry only the Korean name; the English one is filled in
from here. ``BUILTIN_JUNGGU_BOUNDARY`` lets the demo data stand up a real
district when the shared boundary data is not on the machine.
"""

# SIG_CD (SGIS district code) → (Korean name, English name in Revised Romanization)
SEOUL_DISTRICTS = {
    "11110": ("종로구", "Jongno-gu"),
    "11140": ("중구", "Jung-gu"),
    "11170": ("용산구", "Yongsan-gu"),
    "11200": ("성동구", "Seongdong-gu"),
    "11215": ("광진구", "Gwangjin-gu"),
    "11230": ("동대문구", "Dongdaemun-gu"),
    "11260": ("중랑구", "Jungnang-gu"),
    "11290": ("성북구", "Seongbuk-gu"),
    "11305": ("강북구", "Gangbuk-gu"),
    "11320": ("도봉구", "Dobong-gu"),
    "11350": ("노원구", "Nowon-gu"),
    "11380": ("은평구", "Eunpyeong-gu"),
    "11410": ("서대문구", "Seodaemun-gu"),
    "11440": ("마포구", "Mapo-gu"),
    "11470": ("양천구", "Yangcheon-gu"),
    "11500": ("강서구", "Gangseo-gu"),
    "11530": ("구로구", "Guro-gu"),
    "11545": ("금천구", "Geumcheon-gu"),
    "11560": ("영등포구", "Yeongdeungpo-gu"),
    "11590": ("동작구", "Dongjak-gu"),
    "11620": ("관악구", "Gwanak-gu"),
    "11650": ("서초구", "Seocho-gu"),
    "11680": ("강남구", "Gangnam-gu"),
    "11710": ("송파구", "Songpa-gu"),
    "11740": ("강동구", "Gangdong-gu"),
}

JUNGGU_CODE = "11140"

# Exterior ring of 중구 (11140), lon/lat in EPSG:4326, counter-clockwise and closed: 43 vertices,
# simplified (Douglas–Peucker, 0.0004°) from ../shared/data/seoul_gu_2022.geojson.
BUILTIN_JUNGGU_BOUNDARY = (
    (126.969592, 37.562014), (126.961483, 37.558854), (126.963037, 37.558183),
    (126.963098, 37.556423), (126.961703, 37.555343), (126.962387, 37.551504),
    (126.965720, 37.554112), (126.968489, 37.555384), (126.969073, 37.553897),
    (126.972362, 37.554391), (126.976659, 37.552708), (126.977154, 37.554982),
    (126.979829, 37.553415), (126.981480, 37.553924), (126.983744, 37.553036),
    (126.985427, 37.553744), (126.987811, 37.551492), (126.992360, 37.550093),
    (126.995321, 37.547237), (126.998522, 37.549931), (127.002684, 37.549601),
    (127.004225, 37.550376), (127.005306, 37.547712), (127.004843, 37.546182),
    (127.007258, 37.543811), (127.008606, 37.543980), (127.010682, 37.548078),
    (127.016306, 37.553011), (127.017411, 37.555983), (127.019371, 37.557499),
    (127.022857, 37.557868), (127.023335, 37.560744), (127.026265, 37.562994),
    (127.026705, 37.564990), (127.023615, 37.565169), (127.023368, 37.571740),
    (127.015763, 37.569809), (127.001622, 37.569592), (126.990869, 37.568243),
    (126.975375, 37.569316), (126.969048, 37.568194), (126.966774, 37.565794),
    (126.969592, 37.562014),
)  # fmt: skip

# The licence of the boundary above (CC BY 4.0) asks for this wherever it is shown or shared.
BOUNDARY_ATTRIBUTION = (
    "Derived from administrative boundaries released by Statistics Korea SGIS "
    "(sgis.kostat.go.kr) under KOGL Type 1, modified by vuski/admdongkor, "
    "distributed under CC BY 4.0."
)
