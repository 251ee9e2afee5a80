"""Guides: every save keeps a revision (who, when, the content), revisions are read and restored, saves need
the version read (If-Match), steps have their own addresses, and the pages show only cleaned HTML."""

from io import BytesIO

import pytest
from PIL import Image

from guides.models import Guide, GuideImage, GuideRevision
from guides.seed import load_guides, shipped_guides
from guides.services.guides import save_guide
from tests.api.conftest import ApiClient, assert_json_error

pytestmark = pytest.mark.django_db


def content(title="안전지도 만들기", body="<p>첫 단계</p>", **extra):
    steps = [
        {
            "anchor": "start",
            "topic": "draw",
            "title_ko": "시작",
            "title_en": "Start",
            "body_ko": body,
            "body_en": "<p>First</p>",
        },
        {
            "anchor": "photos",
            "topic": "photos",
            "title_ko": "사진",
            "title_en": "",
            "body_ko": "<p>사진 찍기</p>",
            "body_en": "",
        },
    ]
    return {"slug": "safety", "title_ko": title, "title_en": "Making a safety map", "steps": steps, **extra}


def test_every_save_keeps_a_revision_with_its_author_and_content(author):
    guide = save_guide(author, content())
    guide = save_guide(author, content(title="고친 제목", body="<p>둘째 판</p>"), guide=guide, expected_version=1)
    first, second = GuideRevision.objects.filter(guide=guide).order_by("number")
    assert (first.number, first.author, first.content["title_ko"]) == (1, author, "안전지도 만들기")
    assert (second.number, second.content["steps"][0]["body_ko"]) == (2, "<p>둘째 판</p>")
    assert guide.version == 2 and guide.title_ko == "고친 제목"


def test_saved_html_is_cleaned(author):
    guide = save_guide(
        author, content(body='<p onclick="x()">a</p><script>alert(1)</script><img src="/media/g.png" alt="g">')
    )
    body = guide.steps.get(anchor="start").body_ko
    assert body == '<p>a</p><img src="/media/g.png" alt="g">'


def test_the_api_saves_with_if_match_and_refuses_a_stale_version(author):
    api = ApiClient(author)
    created = api.post("/guides", {**content(), "note": "처음"})
    assert created.status_code == 201, created.content
    etag = created["ETag"]
    assert_json_error(api.put("/guides/safety", content(title="없이")), 428)
    saved = api.put("/guides/safety", {**content(title="둘째"), "note": "제목"}, **{"If-Match": etag})
    assert saved.status_code == 200 and saved.json()["title_ko"] == "둘째"
    assert_json_error(api.put("/guides/safety", content(title="늦은 저장"), **{"If-Match": etag}), 412)
    assert Guide.objects.get().title_ko == "둘째"
    numbers = [revision["number"] for revision in api.get("/guides/safety/revisions").json()]
    assert numbers == [2, 1]


def test_a_revision_is_read_and_restored_as_the_newest(author):
    api = ApiClient(author)
    etag = api.post("/guides", content(title="첫 제목"))["ETag"]
    etag = api.put("/guides/safety", content(title="둘째 제목"), **{"If-Match": etag})["ETag"]
    first = api.get("/guides/safety/revisions/1").json()
    assert first["content"]["title_ko"] == "첫 제목" and first["author"] == "guide-author"
    restored = api.post("/guides/safety/revisions/1/restore", **{"If-Match": etag})
    assert restored.status_code == 200 and restored.json()["title_ko"] == "첫 제목"
    newest = api.get("/guides/safety/revisions").json()[0]
    assert (newest["number"], newest["restored_from"]) == (3, 1)


def test_only_guide_authors_write_and_read_revisions(users, author):
    save_guide(author, content())
    resident = ApiClient(users["resident"])
    assert_json_error(resident.post("/guides", {**content(), "slug": "other"}), 403)
    assert_json_error(resident.get("/guides/safety/revisions"), 403)
    assert ApiClient(users["admin"]).get("/guides/safety/revisions").status_code == 200


def test_unpublished_guides_are_hidden_from_readers(users, author):
    save_guide(author, content(published=False))
    assert ApiClient(None).get("/guides").json() == []
    assert_json_error(ApiClient(users["resident"]).get("/guides/safety"), 404)
    assert [guide["slug"] for guide in ApiClient(author).get("/guides").json()] == ["safety"]


def test_each_step_has_its_own_anchor_and_page(client, author):
    save_guide(author, content())
    page = client.get("/guides/safety/").content.decode()
    assert 'id="start"' in page and 'href="#photos"' in page and 'href="/guides/safety/steps/photos/"' in page
    step = client.get("/guides/safety/steps/photos/")
    assert step.status_code == 200 and "사진 찍기" in step.content.decode()
    assert client.get("/guides/safety/steps/nowhere/").status_code == 404


def test_english_readers_get_the_english_text_and_korean_where_it_is_missing(client, author):
    save_guide(author, content())
    page = client.get("/guides/safety/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Making a safety map" in page and "<p>First</p>" in page
    assert '<div class="guide-body" lang="ko"><p>사진 찍기</p></div>' in page


def test_the_print_view_holds_every_step_and_its_address(client, author):
    save_guide(author, content())
    page = client.get("/guides/safety/print/").content.decode()
    assert "첫 단계" in page and "사진 찍기" in page and "/guides/safety/steps/photos/" in page
    assert "web/guides-print.js" in page


def test_authors_edit_in_a_page_and_a_stale_form_keeps_their_text(client, author):
    guide = save_guide(author, content())
    client.force_login(author)
    form = client.get("/guides/safety/edit/")
    assert form.status_code == 200
    data = {
        "version": guide.version, "title_ko": "페이지에서 고침", "title_en": "", "summary_ko": "", "summary_en": "",
        "order": 0, "published": "on", "note": "제목",
        "steps-TOTAL_FORMS": 1, "steps-INITIAL_FORMS": 0, "steps-MIN_NUM_FORMS": 0, "steps-MAX_NUM_FORMS": 60,
        "steps-0-anchor": "start", "steps-0-topic": "draw", "steps-0-title_ko": "시작",
        "steps-0-body_ko": "<p>새 글</p>", "steps-0-ORDER": 1,
    }  # fmt: skip
    response = client.post("/guides/safety/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    guide.refresh_from_db()
    assert guide.title_ko == "페이지에서 고침" and guide.revisions.count() == 2
    stale = client.post("/guides/safety/edit/", {**data, "steps-0-body_ko": "<p>늦은 글</p>"})
    assert stale.status_code == 200 and "늦은 글" in stale.content.decode()
    assert guide.steps.get().body_ko == "<p>새 글</p>"


def test_a_revision_is_restored_from_its_page(client, author):
    guide = save_guide(author, content(title="처음"))
    guide = save_guide(author, content(title="나중"), guide=guide, expected_version=guide.version)
    client.force_login(author)
    page = client.get("/guides/safety/revisions/1/").content.decode()
    assert "처음" in page and "<ins>" in page  # the first revision: everything in it is new
    assert client.post("/guides/safety/revisions/1/", {"version": guide.version}).status_code == 302
    assert Guide.objects.get().title_ko == "처음"


def test_residents_cannot_open_the_authoring_pages(client, users, author):
    save_guide(author, content())
    client.force_login(users["resident"])
    for path in ("/guides/new/", "/guides/safety/edit/", "/guides/safety/revisions/", "/guides/images/"):
        assert client.get(path).status_code == 403


def test_the_shipped_guides_load_once_in_both_languages():
    assert load_guides() == (5, 0)
    assert load_guides() == (0, 0)
    assert load_guides(update=True) == (0, 0)
    guides = Guide.objects.all()
    assert {guide.slug for guide in guides} == {content["slug"] for content in shipped_guides()}
    for guide in guides:
        assert guide.title_en and all(step.body_ko and step.body_en and step.title_en for step in guide.steps.all())
    topics = set(guides.values_list("steps__topic", flat=True)) - {""}
    assert topics == {"draw", "category", "describe", "photos", "privacy"}
    images = "".join(step.body_ko for guide in guides for step in guide.steps.all())
    assert '<img src="/static/guides/' in images


def test_guide_images_are_uploaded_without_their_metadata_and_bad_files_refused(client, author):
    buffer = BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"  # Make
    Image.new("RGB", (40, 30), "orange").save(buffer, "JPEG", exif=exif)
    buffer.name = "골목.jpg"
    buffer.seek(0)
    client.force_login(author)
    response = client.post("/guides/images/", {"description": "어두운 골목", "upload": buffer})
    assert response.status_code == 302
    image = GuideImage.objects.get()
    assert (image.width, image.height, image.uploaded_by) == (40, 30, author)
    with Image.open(image.image.path) as stored:
        assert not stored.getexif()
    page = client.get("/guides/images/").content.decode()
    assert f'src="{image.image.url}"' in page
    junk = BytesIO(b"not an image")
    junk.name = "x.jpg"
    assert client.post("/guides/images/", {"description": "나쁨", "upload": junk}).status_code == 200
    assert GuideImage.objects.count() == 1
