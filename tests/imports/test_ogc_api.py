"""OGC API – Features at /ogc/: landing, conformance, collections, items with bbox/limit/offset/datetime, one item,
OpenAPI, HTML; only published features of public maps, blurred where sensitive, authors not named."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from layers.models import Feature, FeatureStatus
from layers.services.features import create_feature
from layers.services.layers import create_layer
from mapping.models import Map

pytestmark = pytest.mark.django_db

CONFORMANCE = {
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
}


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


def report(layer, user, lon, lat, title, category="dark-alley"):
    return create_feature(user, layer, {"geometry": point(lon, lat), "category": category, "title": title})


@pytest.fixture
def public_layer(layer, users):
    """Five published reports in a row from west to east, one crime worry (sensitive), one hidden."""
    for index in range(5):
        report(layer, users["resident"], 126.97 + index * 0.01, 37.56, f"골목 {index}")
    report(layer, users["resident"], 126.9812345, 37.5612345, "불안한 곳", category="crime-worry")
    hidden = report(layer, users["resident"], 126.99, 37.57, "숨김")
    Feature.objects.filter(pk=hidden.pk).update(status=FeatureStatus.HIDDEN)
    return layer


@pytest.fixture
def private_layer(users, junggu):
    map_ = Map.objects.create(
        title="비공개", kind="safety", owner=users["owner"], visibility="private", district=junggu
    )
    layer = create_layer(map_, {"name": "숨은 층"})
    report(layer, users["owner"], 126.98, 37.56, "비밀")
    return layer


def get(client, path, **params):
    response = client.get(path, params, HTTP_ACCEPT="application/json")
    return response, (response.json() if response["Content-Type"].startswith("application/") else None)


def rels(document):
    return {link["rel"]: link for link in document["links"]}


def test_landing_page_links_to_the_api_conformance_and_data(client, public_layer):
    response, document = get(client, "/ogc/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    links = rels(document)
    assert {"self", "alternate", "service-desc", "service-doc", "conformance", "data"} <= set(links)
    assert links["service-desc"]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert links["data"]["href"] == "http://testserver/ogc/collections?f=json"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_conformance_declares_core_geojson_html_and_openapi(client):
    _, document = get(client, "/ogc/conformance")
    assert set(document["conformsTo"]) == CONFORMANCE


def test_collections_hold_only_layers_of_public_maps(client, public_layer, private_layer):
    _, document = get(client, "/ogc/collections")
    ids = [collection["id"] for collection in document["collections"]]
    assert ids == [str(public_layer.pk)]
    collection = document["collections"][0]
    assert collection["itemType"] == "feature"
    assert collection["crs"] == ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]
    west, south, east, north = collection["extent"]["spatial"]["bbox"][0]
    assert west == pytest.approx(126.97, abs=1e-6) and east >= 127.01
    assert len(collection["extent"]["temporal"]["interval"][0]) == 2
    items = [link for link in collection["links"] if link["rel"] == "items"]
    assert {link["type"] for link in items} == {"application/geo+json", "text/html"}
    assert get(client, f"/ogc/collections/{private_layer.pk}")[0].status_code == 404


def test_items_page_through_with_next_and_prev_links(client, public_layer):
    response, page = get(client, f"/ogc/collections/{public_layer.pk}/items", limit=2)
    assert response["Content-Type"].startswith("application/geo+json")
    assert page["type"] == "FeatureCollection"
    assert (page["numberMatched"], page["numberReturned"]) == (6, 2)  # the hidden one is not public
    links = rels(page)
    assert "prev" not in links and "offset=2" in links["next"]["href"]
    seen = [feature["id"] for feature in page["features"]]
    while "next" in rels(page):
        page = client.get(rels(page)["next"]["href"], HTTP_ACCEPT="application/json").json()
        seen += [feature["id"] for feature in page["features"]]
    assert len(seen) == len(set(seen)) == 6
    assert "prev" in rels(page) and "next" not in rels(page)
    assert "숨김" not in {feature["properties"]["title"] for feature in page["features"]}


def test_bbox_filters_and_bad_parameters_are_400(client, public_layer):
    _, page = get(client, f"/ogc/collections/{public_layer.pk}/items", bbox="126.965,37.55,126.985,37.565")
    assert sorted(feature["properties"]["title"] for feature in page["features"]) == ["골목 0", "골목 1", "불안한 곳"]
    for params in ({"bbox": "1,2,3"}, {"limit": "0"}, {"limit": "many"}, {"offset": "-1"}, {"colour": "red"}):
        response, error = get(client, f"/ogc/collections/{public_layer.pk}/items", **params)
        assert response.status_code == 400 and error["code"] == "InvalidParameterValue", params


def test_datetime_instant_and_open_intervals(client, public_layer):
    old = Feature.objects.filter(layer=public_layer, title="골목 0").get()
    Feature.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=400))
    path = f"/ogc/collections/{public_layer.pk}/items"
    year_ago = (timezone.now() - timedelta(days=365)).date().isoformat()
    assert get(client, path, datetime=f"../{year_ago}")[1]["numberMatched"] == 1
    assert get(client, path, datetime=f"{year_ago}/..")[1]["numberMatched"] == 5
    assert (
        get(client, path, datetime=(timezone.now() - timedelta(days=400)).date().isoformat())[1]["numberMatched"] == 1
    )
    assert get(client, path, datetime="yesterday")[0].status_code == 400


def test_one_item_is_blurred_when_sensitive_and_never_names_the_author(client, public_layer, users):
    users["resident"].show_name_publicly = True  # even an author who signs their reports in the app
    users["resident"].save()
    sensitive = Feature.objects.get(layer=public_layer, title="불안한 곳")
    response, item = get(client, f"/ogc/collections/{public_layer.pk}/items/{sensitive.pk}")
    assert response["Content-Type"].startswith("application/geo+json")
    assert item["properties"]["location_blurred"] is True
    assert item["geometry"]["coordinates"] != [126.9812345, 37.5612345]
    assert "author" not in item["properties"]
    assert users["resident"].username not in response.content.decode()
    assert rels(item)["collection"]["href"].endswith(f"/ogc/collections/{public_layer.pk}?f=json")
    hidden = Feature.objects.get(layer=public_layer, title="숨김")
    assert get(client, f"/ogc/collections/{public_layer.pk}/items/{hidden.pk}")[0].status_code == 404


def test_openapi_document_lists_the_paths_and_collections(client, public_layer):
    response, document = get(client, "/ogc/api")
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json;version=3.0")
    assert document["openapi"].startswith("3.0")
    assert "/collections/{collectionId}/items" in document["paths"]
    parameters = document["paths"]["/collections/{collectionId}/items"]["get"]["parameters"]
    assert {"bbox", "limit", "offset", "datetime", "collectionId"} <= {parameter["name"] for parameter in parameters}
    collection = next(p for p in parameters if p["name"] == "collectionId")
    assert collection["schema"]["enum"] == [str(public_layer.pk)]
    limit = next(p for p in parameters if p["name"] == "limit")
    assert limit["schema"]["maximum"] == settings.OGC_MAX_LIMIT  # clients such as QGIS page by it


def test_html_by_f_or_accept(client, public_layer):
    page = client.get(f"/ogc/collections/{public_layer.pk}/items", {"f": "html", "limit": 2})
    assert page["Content-Type"].startswith("text/html")
    text = page.content.decode()
    assert "골목 0" in text and 'rel="next"' in text and "f=html" in text
    browser = client.get("/ogc/collections", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert browser["Content-Type"].startswith("text/html") and public_layer.name in browser.content.decode()
