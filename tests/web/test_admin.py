"""The admin: every model's pages render, map widgets load nothing from the network, and
feature edits made in the admin are versioned and recorded like any other."""

import json
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from PIL import Image

from digital_twin.models import (
    Building,
    ImportJob,
    Scenario,
    ScenarioBuilding,
    ScenarioOverride,
    SimulationRun,
    StudyArea,
    Terrain,
)
from guides.models import (
    CampaignParticipant,
    Guide,
    GuideImage,
    GuideRevision,
    GuideStep,
    Nomination,
    NominationSupport,
    PlanComment,
    PlanEvent,
    PlanItem,
    PlanVote,
    TopicTemplate,
)
from imports.models import ImportJob as LayerImportJob
from layers.models import (
    Category,
    Comment,
    CommentFlag,
    Delivery,
    DistrictPolicy,
    Feature,
    FeatureChange,
    Layer,
    ModerationLogEntry,
    Notification,
    NotificationPreference,
    Photo,
    Referral,
    RejectionReason,
    TimelineEvent,
    Vote,
)
from layers.models.history import ChangeAction
from mapping.admin_widgets import SeoulMapWidget
from mapping.models import ApiToken, Department, District, Map, User
from tests.conftest import PASSWORD, make_user
from tests.guides.admin_samples import guides_samples

ADMIN_APPS = ("mapping", "layers", "digital_twin", "imports", "guides")
READ_ONLY_MODELS = {ApiToken, FeatureChange, Photo, Vote, ModerationLogEntry, TimelineEvent, Referral}
READ_ONLY_MODELS |= {Notification, NotificationPreference, Delivery, Comment, CommentFlag}
READ_ONLY_MODELS |= {Terrain, ImportJob, ScenarioBuilding, ScenarioOverride, LayerImportJob, SimulationRun}
READ_ONLY_MODELS |= {
    GuideStep,
    GuideRevision,
    CampaignParticipant,
    Nomination,
    NominationSupport,
    PlanItem,
    PlanVote,
    PlanEvent,
}
# Changed in the admin but never added there: guides are written on their pages (with revisions), images uploaded
# there (cleaned of metadata), templates made by selecting a nomination, comments written by residents.
NO_ADD_MODELS = {Guide, GuideImage, TopicTemplate, PlanComment}
OL_BUILD = Path(settings.BASE_DIR) / "web" / "static" / "web" / "build" / "vendor" / "ol" / "ol.js"
BOUNDARIES = "admin:mapping_district_boundaries"


def registered_models():
    models = (model for model in admin.site._registry if model._meta.app_label in ADMIN_APPS)
    return sorted(models, key=lambda model: model._meta.label)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def png(name):
    buffer = BytesIO()
    Image.new("RGB", (8, 6), "orange").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def superuser_client(client, users):
    assert client.login(username="admin", password=PASSWORD)
    return client


@pytest.fixture
def feature(users, junggu):
    theme = Map.objects.create(title="안전 지도", kind="safety", district=junggu, owner=users["owner"])
    theme.editors.add(users["editor"])
    layer = Layer.objects.create(map=theme, name="위험 지점")
    category = Category.objects.create(layer=layer, key="dark-alley", label_ko="어두운 골목")
    return Feature.objects.create(
        layer=layer,
        category=category,
        geometry=Point(126.98, 37.56, srid=4326),
        title="어두운 골목길",
        author=users["resident"],
        district=junggu,
    )


@pytest.fixture
def samples(settings, tmp_path, users, junggu, feature):
    """One saved object of every model the admin shows."""
    settings.MEDIA_ROOT = tmp_path
    ApiToken.issue(users["resident"])
    photo = Photo.objects.create(
        feature=feature,
        image=png("alley.png"),
        thumbnail=png("alley-thumb.png"),
        width=8,
        height=6,
        caption="가로등 고장",
        uploaded_by=users["resident"],
    )
    change = FeatureChange.objects.create(
        feature_id=feature.pk, layer=feature.layer, action=ChangeAction.CREATE, version=1, new={}
    )
    vote = Vote.objects.create(feature=feature, user=users["editor"])
    objects = [junggu, users["staff"].department, users["resident"], ApiToken.objects.get(), vote]
    building = Building.objects.create(
        footprint=MultiPolygon(Polygon.from_bbox((198000, 551800, 198020, 551830)), srid=5186),
        height=12.5,
        floors_above=4,
        use="residential",
        source="test",
        source_id="b-1",
    )
    objects += [feature.layer.map, feature.layer, feature.category, feature, photo, change, building]
    objects += workflow_samples(feature, users)
    objects += twin_samples(building, users)
    objects += notification_samples(feature, users)
    objects.append(LayerImportJob.objects.create(layer=feature.layer, user=users["owner"], original_name="가로등.csv"))
    objects += guides_samples(feature, users)
    return {type(obj): obj for obj in objects}


def twin_samples(building, users):
    """A study area with a scenario, a terrain, an import job and a simulation run of the digital twin."""
    area = StudyArea.objects.create(
        name="시청 일대", area=Polygon.from_bbox((197900, 551700, 198200, 552000)), owner=users["planner"]
    )
    terrain = Terrain.objects.create(
        name="demo", source="demo", file="terrain/demo.tif", extent=Polygon.from_bbox((197900, 551700, 198200, 552000)),
        original_srid=5186, resolution=5.0, width=60, height=60, min_elevation=24.0, max_elevation=60.0,
    )  # fmt: skip
    job = ImportJob.objects.create(kind="buildings", file="twin-imports/a.zip", original_name="a.zip",
                                   owner=users["planner"])  # fmt: skip
    scenario = Scenario.objects.create(study_area=area, name="안 A", owner=users["planner"])
    added = ScenarioBuilding.objects.create(
        scenario=scenario, footprint=building.footprint, height=30.0, floors_above=9
    )
    override = ScenarioOverride.objects.create(scenario=scenario, building=building, removed=True)
    run = SimulationRun.objects.create(kind="sunlight", study_area=area, scenario=scenario, owner=users["planner"])
    return [area, scenario, added, override, terrain, job, run]


def workflow_samples(feature, users):
    """One of each record the district workflow keeps, and its settings."""
    reason = RejectionReason.objects.get(code="abuse")
    return [
        reason,
        DistrictPolicy.objects.create(district=feature.district, complaint_email="minwon@example.org"),
        ModerationLogEntry.objects.create(
            item_kind="feature", action="hidden", item_id=feature.pk, district=feature.district, rule=reason
        ),
        TimelineEvent.objects.create(feature=feature, kind="stage", from_stage="received", to_stage="in_review"),
        Referral.objects.create(feature=feature, kind="onsite", department=users["staff"].department),
        comment := Comment.objects.create(feature=feature, author=users["editor"], body="중구 1 댓글"),
        CommentFlag.objects.create(comment=comment, user=users["resident"], reason="욕설"),
    ]


def notification_samples(feature, users):
    """A notification, a user's choice and an outgoing e-mail."""
    return [
        Notification.objects.create(user=users["resident"], kind="status", feature=feature, params={"title": "중구 1"}),
        NotificationPreference.objects.create(user=users["resident"], kind="comment", email=False),
        Delivery.objects.create(channel="email", to="minwon@example.org", subject="[민원] 중구 1", body="내용"),
    ]


class AssetParser(HTMLParser):
    """Collects the script and style sheet URLs of a page, and the text of its inline scripts."""

    def __init__(self):
        super().__init__()
        self.urls, self.inline_scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in attrs
            self.urls += [attrs["src"]] if "src" in attrs else []
        if tag == "link" and "stylesheet" in (attrs.get("rel") or ""):
            self.urls.append(attrs["href"])

    def handle_endtag(self, tag):
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


def page_assets(response):
    parser = AssetParser()
    parser.feed(response.content.decode())
    return parser


def test_every_model_of_the_core_and_the_layers_is_registered():
    models = {model for label in ADMIN_APPS for model in apps.get_app_config(label).get_models()}
    assert set(registered_models()) == models


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_render(superuser_client, samples, model):
    assert model in samples, f"add a saved {model._meta.label} to the samples fixture"
    assert superuser_client.get(admin_url(model, "changelist")).status_code == 200
    assert superuser_client.get(admin_url(model, "changelist"), {"q": "중구 1"}).status_code == 200
    assert superuser_client.get(admin_url(model, "change", samples[model].pk)).status_code == 200
    add_status = 403 if model in READ_ONLY_MODELS | NO_ADD_MODELS else 200
    assert superuser_client.get(admin_url(model, "add")).status_code == add_status


@pytest.mark.parametrize("model", sorted(READ_ONLY_MODELS, key=str), ids=lambda model: model.__name__)
def test_read_only_models_refuse_changes(superuser_client, samples, model):
    response = superuser_client.post(admin_url(model, "change", samples[model].pk), {})
    assert response.status_code == 403


def test_api_token_hash_is_never_shown_and_tokens_can_be_revoked(superuser_client, samples):
    token = samples[ApiToken]
    page = superuser_client.get(admin_url(ApiToken, "change", token.pk)).content.decode()
    assert token.key_hash not in page
    changelist = superuser_client.get(admin_url(ApiToken, "changelist")).content.decode()
    assert token.key_hash not in changelist
    response = superuser_client.post(admin_url(ApiToken, "delete", token.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_user_page_edits_the_roles(superuser_client, users, junggu, jongnogu):
    page = superuser_client.get(admin_url(User, "change", users["resident"].pk)).content.decode()
    for field in ("verified", "is_planner", "department", "review_districts"):
        assert f'name="{field}"' in page
    assert "selectfilter" in page.lower()


@pytest.mark.parametrize("model", [District, Feature], ids=["District", "Feature"])
def test_map_pages_load_scripts_and_styles_only_from_local_static_files(superuser_client, samples, model):
    assets = page_assets(superuser_client.get(admin_url(model, "change", samples[model].pk)))
    same_origin = [url for url in assets.urls if url.startswith("/") and not url.startswith("//")]
    assert same_origin == assets.urls
    assert "/static/web/build/vendor/ol/ol.js" in assets.urls
    assert "/static/web/build/vendor/ol/ol.css" in assets.urls
    inline = "\n".join(assets.inline_scripts)
    assert "http://" not in inline and "https://" not in inline
    assert reverse(BOUNDARIES) in inline


def test_widget_scripts_and_styles_are_found_by_the_static_files_finders():
    if not OL_BUILD.is_file():
        pytest.fail(
            f"{OL_BUILD} is missing: build the front end with "
            "`cd web/frontend && npm ci && npm run build` (scripts/bootstrap.sh does it)."
        )
    media = SeoulMapWidget().media
    paths = [*media._js, *(path for paths in media._css.values() for path in paths)]
    assert "web/build/vendor/ol/ol.js" in paths
    missing = [path for path in paths if not finders.find(path)]
    assert missing == []


def test_boundaries_are_geojson_of_every_district(superuser_client, junggu, jongnogu):
    response = superuser_client.get(reverse(BOUNDARIES))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    by_code = {feature["properties"]["code"]: feature for feature in collection["features"]}
    assert set(by_code) == {"11110", "11140"}
    junggu_feature = by_code["11140"]
    assert junggu_feature["properties"]["name_ko"] == "중구"
    assert junggu_feature["geometry"]["type"] == "MultiPolygon"
    ring = junggu_feature["geometry"]["coordinates"][0][0]
    assert {tuple(point) for point in ring} == {
        (126.96, 37.54),
        (127.02, 37.54),
        (127.02, 37.58),
        (126.96, 37.58),
    }


def test_boundaries_are_served_to_staff_who_are_not_superusers(client, junggu):
    make_user("clerk", is_staff=True)
    assert client.login(username="clerk", password=PASSWORD)
    assert client.get(reverse(BOUNDARIES)).status_code == 200


@pytest.mark.parametrize("role", [None, "resident", "reviewer", "planner"])
def test_boundaries_are_forbidden_to_non_staff(client, users, role):
    if role:
        client.force_login(users[role])
    assert client.get(reverse(BOUNDARIES)).status_code == 403


def test_boundaries_refuse_inactive_staff(client, junggu):
    clerk = make_user("clerk", is_staff=True)
    client.force_login(clerk)
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    assert client.get(reverse(BOUNDARIES)).status_code == 403


def feature_form(feature, **changes):
    """The POST data of the feature's admin form, with its one photo-inline management form."""
    data = {
        "layer": feature.layer_id,
        "geometry": "SRID=4326;POINT (126.985 37.565)",
        "category": feature.category_id,
        "title": feature.title,
        "summary": feature.summary,
        "properties": json.dumps(feature.properties),
        "author": feature.author_id or "",
        "district": feature.district_id or "",
        "status": feature.status,
        "seen_version": feature.version,
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 0,
    }
    return {**data, **changes}


def test_admin_change_of_a_feature_is_versioned_and_recorded(superuser_client, users, feature):
    response = superuser_client.post(admin_url(Feature, "change", feature.pk), feature_form(feature, title="고친 제목"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    feature.refresh_from_db()
    assert (feature.title, feature.version) == ("고친 제목", 2)
    assert feature.geometry.equals_exact(Point(126.985, 37.565, srid=4326), tolerance=1e-9)
    change = FeatureChange.objects.get(feature_id=feature.pk)
    assert (change.action, change.version, change.user) == (ChangeAction.UPDATE, 2, users["admin"])
    assert change.old["title"] == "어두운 골목길"


def test_admin_change_made_on_a_stale_version_is_refused(superuser_client, feature):
    page = superuser_client.get(admin_url(Feature, "change", feature.pk)).content.decode()
    assert 'name="seen_version" value="1"' in page
    form = feature_form(feature, title="늦은 수정")
    Feature.objects.filter(pk=feature.pk).update(version=F("version") + 1, title="먼저 고친 제목")
    response = superuser_client.post(admin_url(Feature, "change", feature.pk), form)
    assert response.status_code == 200
    assert "지금 버전 2, 보신 버전 1" in str(response.context["adminform"].form.non_field_errors())  # Korean by default
    feature.refresh_from_db()
    assert (feature.title, feature.version) == ("먼저 고친 제목", 2)
    assert not FeatureChange.objects.exists()


def test_admin_change_keeps_votes_cast_while_the_form_was_sent(superuser_client, feature, monkeypatch):
    from layers.services import features as feature_services

    lock = feature_services.locked_feature

    def vote_then_lock(feature_id, expected_version):
        Feature.objects.filter(pk=feature_id).update(vote_count=F("vote_count") + 1)  # a 공감 lands first
        return lock(feature_id, expected_version)

    monkeypatch.setattr(feature_services, "locked_feature", vote_then_lock)
    response = superuser_client.post(admin_url(Feature, "change", feature.pk), feature_form(feature, title="새 제목"))
    assert response.status_code == 302
    feature.refresh_from_db()
    assert (feature.title, feature.vote_count) == ("새 제목", 1)


def test_admin_refuses_a_category_of_another_layer(superuser_client, feature):
    other_layer = Layer.objects.create(map=feature.layer.map, name="공유 장소")
    foreign = Category.objects.create(layer=other_layer, key="food", label_ko="맛집")
    form = feature_form(feature, category=foreign.pk)
    response = superuser_client.post(admin_url(Feature, "change", feature.pk), form)
    assert response.status_code == 200
    assert "category" in response.context["adminform"].form.errors
    feature.refresh_from_db()
    assert feature.category_id != foreign.pk


def test_admin_creation_of_a_feature_is_recorded(superuser_client, users, feature):
    form = feature_form(feature, title="새 위험 지점", author="", district="", seen_version=1)
    response = superuser_client.post(admin_url(Feature, "add"), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Feature.objects.get(title="새 위험 지점")
    assert (created.author, created.version) == (users["admin"], 1)
    change = FeatureChange.objects.get(feature_id=created.pk)
    assert (change.action, change.user) == (ChangeAction.CREATE, users["admin"])


def test_admin_deletion_of_a_feature_is_recorded(superuser_client, users, feature):
    response = superuser_client.post(admin_url(Feature, "delete", feature.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Feature.objects.filter(pk=feature.pk).exists()
    change = FeatureChange.objects.get(feature_id=feature.pk)
    assert (change.action, change.user, change.old["title"]) == (
        ChangeAction.DELETE,
        users["admin"],
        "어두운 골목길",
    )


def test_bulk_deletion_of_features_records_each(superuser_client, feature):
    second = Feature.objects.create(
        layer=feature.layer,
        category=feature.category,
        geometry=Point(126.99, 37.57, srid=4326),
        title="둘째",
    )
    selected = {
        "action": "delete_selected",
        "_selected_action": [feature.pk, second.pk],
        "post": "yes",
    }
    response = superuser_client.post(admin_url(Feature, "changelist"), selected)
    assert response.status_code == 302
    assert not Feature.objects.exists()
    deleted = FeatureChange.objects.filter(action=ChangeAction.DELETE)
    assert sorted(deleted.values_list("feature_id", flat=True)) == sorted([feature.pk, second.pk])


def test_feature_page_shows_photo_thumbnails(superuser_client, samples):
    photo = samples[Photo]
    page = superuser_client.get(admin_url(Feature, "change", samples[Feature].pk)).content.decode()
    assert f'<img src="{photo.thumbnail.url}"' in page


def test_department_admin_lists_by_district(superuser_client, users, junggu):
    response = superuser_client.get(admin_url(Department, "changelist"), {"district__id__exact": junggu.pk})
    assert response.status_code == 200
    assert "도로과" in response.content.decode()
