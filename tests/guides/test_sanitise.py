"""Guide HTML is cleaned with nh3: scripts, event handlers, styles, javascript: links and foreign images go;
the allowed tags, local images and safe links stay; authors are told before a save what would be lost."""

import pytest
from django.core.exceptions import ValidationError

from guides.sanitise import check_guide_html, clean_guide_html


def test_script_is_stripped_with_its_content():
    assert clean_guide_html("<p>안내</p><script>alert('x')</script>") == "<p>안내</p>"
    assert "alert" not in clean_guide_html("<p>a<script>alert(1)</script>b</p><style>p{}</style>")


def test_local_images_are_kept_with_their_description():
    html = '<figure><img src="/media/guides/2026/05/alley.jpg" alt="어두운 골목" width="640" height="480"></figure>'
    assert clean_guide_html(html) == html
    assert 'src="/static/guides/photo-framing.svg"' in clean_guide_html(
        '<img src="/static/guides/photo-framing.svg" alt="">'
    )


@pytest.mark.parametrize(
    "html",
    [
        '<img src="/media/a.jpg" onerror="alert(1)" alt="x">',
        '<p onclick="steal()" onmouseover="x()">글</p>',
        '<a href="/guides/" onfocus="x()">가이드</a>',
    ],
)
def test_event_handlers_are_removed(html):
    cleaned = clean_guide_html(html)
    assert " on" not in cleaned and "alert" not in cleaned and "steal" not in cleaned


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
             "vbscript:msgbox(1)"]
)  # fmt: skip
def test_dangerous_links_lose_their_address(href):
    cleaned = clean_guide_html(f'<a href="{href}">누르기</a>')
    assert "href" not in cleaned and "누르기" in cleaned


def test_safe_links_are_kept_and_made_safe():
    cleaned = clean_guide_html(
        '<a href="https://seoul.go.kr/" target="_blank">서울시</a> <a href="/campaigns/">캠페인</a>'
    )
    assert 'href="https://seoul.go.kr/"' in cleaned and 'href="/campaigns/"' in cleaned
    assert cleaned.count('rel="noopener noreferrer nofollow"') == 2 and "target" not in cleaned


def test_foreign_images_lose_their_source_and_are_refused_before_a_save():
    assert "evil" not in clean_guide_html('<img src="https://evil.example/pixel.gif" alt="">')
    assert "evil" not in clean_guide_html('<img src="//evil.example/pixel.gif">')
    with pytest.raises(ValidationError) as error:
        check_guide_html('<p>사진</p><img src="https://evil.example/pixel.gif">')
    assert error.value.code == "foreign_image"
    check_guide_html('<img src="/media/guides/a.jpg" alt="">')  # a library image passes


def test_only_allowed_tags_attributes_and_callout_classes_survive():
    cleaned = clean_guide_html(
        '<h1>큰 제목</h1><iframe src="/x"></iframe><p style="color:red" class="tip evil">팁</p>'
        '<aside class="warning">주의</aside>'
    )
    assert "<h1>" not in cleaned and "큰 제목" in cleaned and "iframe" not in cleaned and "style" not in cleaned
    assert '<p class="tip">팁</p>' in cleaned and '<aside class="warning">주의</aside>' in cleaned


def test_oversized_steps_are_refused(settings):
    settings.GUIDE_STEP_MAX_CHARS = 100
    with pytest.raises(ValidationError) as error:
        check_guide_html("<p>" + "가" * 200 + "</p>")
    assert error.value.code == "too_long"
