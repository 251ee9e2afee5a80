"""Which column becomes what: names in Korean and English, presets as data files, values of extra fields. Pure."""

import pytest

from imports.columns import coordinate_columns, normalise
from imports.field_mapping import suggest_mapping
from imports.field_values import coerce
from imports.layer_spec import CategorySpec, LayerSpec
from imports.presets import PresetError, load_presets, read_preset

from .conftest import LAYER_FIELDS

SPEC = LayerSpec(
    geometry_kinds=("Point",),
    categories=(CategorySpec("dark-alley", "어두운 골목", "Dark alley"), CategorySpec("other", "기타", "Other")),
    fields=tuple(LAYER_FIELDS),
)


@pytest.mark.parametrize(
    ("columns", "found"),
    [
        (["명칭", "경도", "위도"], ("lonlat", "경도", "위도")),
        (["Name", "Longitude ", "LATITUDE"], ("lonlat", "Longitude ", "LATITUDE")),
        (["시설", "X좌표(UTM-K)", "Y좌표(UTM-K)"], ("xy", "X좌표(UTM-K)", "Y좌표(UTM-K)")),
        (["id", "x", "y"], ("xy", "x", "y")),
        (["title", "WKT"], ("wkt", "WKT")),
        (["이름", "주소"], None),
    ],
)
def test_coordinate_columns_by_their_korean_and_english_names(columns, found):
    assert coordinate_columns(columns) == found


def test_names_are_normalised():
    assert normalise("X좌표(UTM-K)") == "x좌표" and normalise(" Point_X ") == "pointx"


def test_suggested_mapping_of_a_korean_open_data_file():
    rows = [
        {"시설명": "가로등", "분류": "어두운 골목", "비고": "고장", "등 개수": "2"},
        {"분류": "Other"},
        {"분류": "그 밖"},
    ]
    mapping = suggest_mapping(["시설명", "분류", "비고", "등 개수"], rows, SPEC)
    assert (mapping.title, mapping.summary, mapping.category) == ("시설명", "비고", "분류")
    assert mapping.category_values == {"어두운 골목": "dark-alley", "Other": "other", "그 밖": "other"}
    assert mapping.fields == {"lamps": "등 개수"}  # by the field's label


def test_fields_are_found_under_the_ten_byte_names_of_a_shapefile():
    spec = LayerSpec(("Point",), SPEC.categories, fields=({"key": "lighting_level", "type": "number"},))
    assert suggest_mapping(["lighting_l"], [], spec).fields == {"lighting_level": "lighting_l"}


def test_the_shipped_preset_reads_the_dong_centroids():
    preset = load_presets()["admin-dong-centroids"]
    assert (preset.srid, preset.coordinates, preset.title) == (5179, ("x", "y"), "{sgg} {emd}")
    assert preset.matches(["admcd", "admnm", "sido", "sgg", "emd", "sidosgg", "sggemd", "x", "y"])
    mapping = suggest_mapping(["admcd", "admnm", "sgg", "emd", "x", "y"], [], SPEC, preset)
    assert (mapping.title, mapping.summary, mapping.fields) == (
        "{sgg} {emd}",
        "admnm",
        {"code": "admcd", "dong": "emd"},
    )


def test_an_administrators_folder_adds_and_overrides_presets(tmp_path):
    (tmp_path / "cctv.json").write_text(
        '{"key": "seoul-cctv", "label_ko": "서울 CCTV", "srid": 4326,'
        ' "coordinates": {"x": "WGS84경도", "y": "WGS84위도"},'
        ' "category": {"column": "설치목적", "values": {"방범": "dark-alley"}, "default": "other"}}',
        encoding="utf-8",
    )
    (tmp_path / "dong.yaml").write_text(
        "key: admin-dong-centroids\nlabel_ko: 바뀐 프리셋\nsrid: 5186\n", encoding="utf-8"
    )
    presets = load_presets([tmp_path])
    assert presets["seoul-cctv"].category_values == {"방범": "dark-alley"}
    assert presets["seoul-cctv"].coordinates == ("WGS84경도", "WGS84위도")
    assert presets["admin-dong-centroids"].srid == 5186
    rows = [{"설치목적": "방범"}, {"설치목적": "교통"}]
    mapping = suggest_mapping(["설치목적", "WGS84경도", "WGS84위도"], rows, SPEC, presets["seoul-cctv"])
    assert mapping.category_values == {"방범": "dark-alley", "교통": "other"}


def test_a_malformed_preset_names_its_file(tmp_path):
    (tmp_path / "broken.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(PresetError, match="broken.yaml"):
        read_preset(tmp_path / "broken.yaml")
    (tmp_path / "empty.json").write_text("{}", encoding="utf-8")
    with pytest.raises(PresetError, match="needs at least 'key' and 'label_ko'"):
        read_preset(tmp_path / "empty.json")


@pytest.mark.parametrize(
    ("kind", "cell", "value"),
    [
        ("number", "1,234", 1234),
        ("number", 2.5, 2.5),
        ("number", "3.0", 3),
        ("boolean", "예", True),
        ("boolean", "X", False),
        ("boolean", 1, True),
        ("date", "2024.03.05", "2024-03-05"),
        ("date", "2024-03-05 00:00:00", "2024-03-05"),
        ("text", 12.0, "12"),
        ("text", float("nan"), None),
        ("text", "", None),
    ],
)
def test_cells_become_field_values(kind, cell, value):
    assert coerce({"key": "f", "type": kind}, cell) == value


def test_a_cell_a_field_cannot_take_says_what_was_expected():
    with pytest.raises(ValueError, match="not a number"):
        coerce({"key": "f", "type": "number"}, "많음")
    with pytest.raises(ValueError, match="not one of 상, 중, 하"):
        coerce({"key": "f", "type": "choice", "choices": ["상", "중", "하"]}, "최상")
