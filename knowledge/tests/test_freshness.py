"""Content freshness: default review date, reader line, « Contenus à relire » panel and report."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from knowledge.factories import (
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    draft_of,
    sheet_index_page,
)
from knowledge.freshness import PANEL_LIMIT, add_months, default_next_review
from knowledge.workflows import ADMINISTRATORS_GROUP, DRAFTERS_GROUP, MODERATORS_GROUP

User = get_user_model()


def publish(page, **changes):
    """Publish `page` the way the admin does: save a revision with `changes`, then publish it."""
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    return Page.objects.get(pk=page.pk).specific


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


# --- default next review on publication ------------------------------------------------------


def test_add_months_clamps_to_the_last_day_of_the_month():
    assert add_months(datetime.date(2026, 3, 12), 12) == datetime.date(2027, 3, 12)
    assert add_months(datetime.date(2028, 2, 29), 12) == datetime.date(2029, 2, 28)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


@pytest.mark.django_db
def test_publishing_without_a_review_date_sets_it_twelve_months_after_publication():
    sheet = PracticeSheetPageFactory(live=False, next_review_at=None)

    live = publish(sheet, summary="Relue et publiée.")

    expected = add_months(timezone.localdate(live.last_published_at), 12)
    assert live.live
    assert live.next_review_at == expected == default_next_review(live.last_published_at)
    # The edit form starts from the latest revision: it must show the same date as the live page.
    assert live.get_latest_revision_as_object().next_review_at == expected
    assert live.live_revision.as_object().next_review_at == expected


@pytest.mark.django_db
def test_the_review_date_chosen_by_the_editor_is_kept_on_publication():
    chosen = datetime.date(2026, 9, 1)
    testimony = TestimonyPageFactory(live=False)

    live = publish(testimony, next_review_at=chosen)

    assert live.next_review_at == chosen
    assert live.get_latest_revision_as_object().next_review_at == chosen


@pytest.mark.django_db
def test_a_default_review_date_is_kept_on_later_publications():
    chapter = GuideChapterPageFactory(live=False)
    first = publish(chapter).next_review_at

    again = publish(chapter, summary="Deuxième version.")

    assert again.next_review_at == first


@pytest.mark.django_db
def test_publishing_an_older_revision_also_dates_the_newer_draft_left_empty():
    sheet = PracticeSheetPageFactory(live=False)
    older = Page.objects.get(pk=sheet.pk).specific.save_revision()
    newer = draft_of(sheet, summary="Brouillon plus récent.")

    # Fetched afresh, as the admin's revisions view does (the in-memory one caches a stale page).
    Revision.objects.get(pk=older.pk).publish()

    live = Page.objects.get(pk=sheet.pk).specific
    older.refresh_from_db()
    newer.refresh_from_db()
    assert live.next_review_at is not None
    assert older.as_object().next_review_at == live.next_review_at
    assert newer.as_object().next_review_at == live.next_review_at
    assert live.get_latest_revision_as_object().summary == "Brouillon plus récent."


def publish_through_the_admin(client, page, next_review_at=""):
    """Post the chapter's edit form with the "Publier" button, as an editor does."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([]),
            "next_review_at": next_review_at,
            "last_verified_at": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", ["", "2026-12-24"])
def test_publishing_from_the_admin_editor_applies_the_same_rule(client, superuser, chosen):
    chapter = GuideChapterPageFactory(live=False, next_review_at=None)
    client.force_login(superuser)

    response = publish_through_the_admin(client, chapter, next_review_at=chosen)

    assert response.status_code == 302, response.content.decode()[:2000]
    live = Page.objects.get(pk=chapter.pk).specific
    expected = (
        datetime.date.fromisoformat(chosen)
        if chosen
        else add_months(timezone.localdate(live.last_published_at), 12)
    )
    assert live.live
    assert live.next_review_at == expected
    assert live.get_latest_revision_as_object().next_review_at == expected
    # The form the editor reopens shows that date.
    edit = client.get(f"/admin/pages/{chapter.pk}/edit/")
    assert edit.context["form"]["next_review_at"].value() == expected


@pytest.mark.django_db
def test_a_publication_scheduled_in_the_future_sets_no_review_date_before_going_live():
    sheet = PracticeSheetPageFactory(live=False)

    page = publish(sheet, go_live_at=timezone.now() + datetime.timedelta(days=3))

    assert not page.live
    assert page.next_review_at is None


# --- reader line ----------------------------------------------------------------------------


def render_line(page):
    with translation.override("fr"):
        return render_to_string("knowledge/includes/freshness.html", {"page": page})


@pytest.mark.django_db
def test_reader_line_shows_update_and_verification_dates_in_french():
    sheet = PracticeSheetPageFactory(
        last_published_at=datetime.datetime(2026, 3, 12, 9, 30, tzinfo=datetime.UTC),
        last_verified_at=datetime.date(2026, 2, 3),
    )

    html = render_line(sheet)

    assert html.strip().startswith('<p class="freshness">')
    assert 'Mis à jour le <time datetime="2026-03-12">12 mars 2026</time>' in html
    assert ' · vérifié le <time datetime="2026-02-03">3 février 2026</time>' in html


@pytest.mark.django_db
def test_reader_line_has_no_verification_when_none_is_recorded():
    sheet = PracticeSheetPageFactory(
        last_published_at=datetime.datetime(2026, 3, 12, 9, 30, tzinfo=datetime.UTC),
        last_verified_at=None,
    )

    html = render_line(sheet)

    assert "12 mars 2026" in html
    assert "vérifié" not in html.lower()
    assert "·" not in html


@pytest.mark.django_db
def test_readers_see_the_line_on_the_published_page(client):
    sheet = PracticeSheetPageFactory(live=False, title="Animer un comité de pilotage")
    live = publish(sheet, last_verified_at=datetime.date(2026, 2, 3))
    updated = timezone.localdate(live.last_published_at)

    html = client.get(live.url).content.decode()

    assert f'Mis à jour le <time datetime="{updated.isoformat()}">' in html
    assert 'vérifié le <time datetime="2026-02-03">3 février 2026</time>' in html


@pytest.mark.django_db
def test_reader_line_uses_the_paris_date_and_the_french_first_of_month():
    # 23:30 UTC on 31 March is already 1 April in Paris (UTC+2 in summer time).
    sheet = PracticeSheetPageFactory(
        last_published_at=datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC),
    )

    html = render_line(sheet)

    assert '<time datetime="2026-04-01">1<sup>er</sup> avril 2026</time>' in html


# --- dashboard panel ------------------------------------------------------------------------


@pytest.fixture
def superuser():
    return User.objects.create_superuser("admin", "admin@example.org", "x")


@pytest.fixture
def review_pages():
    owner = User.objects.create_user(
        "camille", "camille@example.org", "x", first_name="Camille", last_name="Martin"
    )
    pages = {
        "very_late": PracticeSheetPageFactory(
            title="Très en retard", next_review_at=days_from_today(-40), owner=owner
        ),
        "late": TestimonyPageFactory(title="Un peu en retard", next_review_at=days_from_today(-5)),
        "soon": GuideChapterPageFactory(title="Bientôt", next_review_at=days_from_today(10)),
        "in_30": PracticeSheetPageFactory(title="Dans un mois", next_review_at=days_from_today(30)),
        "later": PracticeSheetPageFactory(title="Plus tard", next_review_at=days_from_today(31)),
        "no_date": PracticeSheetPageFactory(title="Sans échéance", next_review_at=None),
        "draft": PracticeSheetPageFactory(
            title="Brouillon en retard", next_review_at=days_from_today(-90), live=False
        ),
    }
    gone = PracticeSheetPageFactory(
        title="Supprimée en retard", next_review_at=days_from_today(-90)
    )
    gone.delete()
    return pages


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_panel_lists_overdue_and_due_soon_pages_most_at_risk_first(client, superuser, review_pages):
    html = dashboard(client, superuser)

    assert "Contenus à relire" in html
    titles = ["Très en retard", "Un peu en retard", "Bientôt", "Dans un mois"]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "en retard de 40 jours" in html
    assert "en retard de 5 jours" in html
    assert "dans 10 jours" in html
    assert "dans 30 jours" in html
    assert "4 contenus dont la relecture est en retard" in html
    edit_url = f"/admin/pages/{review_pages['very_late'].pk}/edit/"
    assert f'<a href="{edit_url}">Très en retard</a>' in html
    assert "Fiche pratique" in html and "Remontée de terrain" in html and "Chapitre" in html


@pytest.mark.django_db
def test_panel_shows_each_owner_or_says_there_is_none(client, superuser, review_pages):
    html = dashboard(client, superuser)

    very_late_row = html[html.index("Très en retard") : html.index("Un peu en retard")]
    late_row = html[html.index("Un peu en retard") : html.index("Bientôt")]
    assert "Camille Martin" in very_late_row
    assert "sans responsable" in late_row


@pytest.mark.django_db
def test_panel_excludes_later_undated_unpublished_and_deleted_pages(
    client, superuser, review_pages
):
    html = dashboard(client, superuser)

    for title in ["Plus tard", "Sans échéance", "Brouillon en retard", "Supprimée en retard"]:
        assert title not in html


@pytest.mark.django_db
def test_panel_is_capped_and_gives_the_total(client, superuser):
    for n in range(PANEL_LIMIT + 2):
        PracticeSheetPageFactory(title=f"À relire {n:02d}", next_review_at=days_from_today(-n))

    html = dashboard(client, superuser)

    assert f"{PANEL_LIMIT + 2} contenus dont la relecture" in html
    assert f"Les {PANEL_LIMIT} plus urgents sont affichés" in html
    assert html.count('<tr class="boussole-review') == PANEL_LIMIT
    assert f"À relire {PANEL_LIMIT + 1:02d}" in html  # the most overdue is kept
    assert "À relire 00" not in html  # the one due today is cut


@pytest.mark.django_db
def test_panel_lists_only_pages_the_member_can_edit(client):
    sheet = PracticeSheetPageFactory(title="Fiche à relire", next_review_at=days_from_today(-3))
    chapter = GuideChapterPageFactory(title="Chapitre à relire", next_review_at=days_from_today(-3))
    group = Group.objects.create(name="Relecteurs des fiches (test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=sheet_index_page(),
        permission=Permission.objects.get(codename="change_page"),
    )
    member = User.objects.create_user("membre", "membre@example.org", "x")
    member.groups.add(group)

    html = dashboard(client, member)

    assert sheet.title in html
    assert chapter.title not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group_name", "sees_panel"),
    [(DRAFTERS_GROUP, True), (MODERATORS_GROUP, True), (ADMINISTRATORS_GROUP, False)],
)
def test_panel_is_shown_to_the_working_group_and_moderators_only(
    client, review_pages, group_name, sees_panel
):
    user = User.objects.create_user("role", "role@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))

    html = dashboard(client, user)

    assert ("Contenus à relire" in html) is sees_panel
    assert ("Très en retard" in html) is sees_panel


@pytest.mark.django_db
def test_panel_is_hidden_from_admin_users_who_edit_no_page(client, review_pages):
    group = Group.objects.create(name="Administration sans pages (test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user("gestion", "gestion@example.org", "x")
    user.groups.add(group)

    html = dashboard(client, user)

    assert "Contenus à relire" not in html
    assert "Très en retard" not in html


@pytest.mark.django_db
def test_anonymous_visitors_never_see_the_panel(client, review_pages):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    followed = client.get("/admin/", follow=True).content.decode()
    assert "Contenus à relire" not in followed
    assert "Très en retard" not in followed


# --- management command ---------------------------------------------------------------------


@pytest.mark.django_db
def test_report_command_prints_the_same_list_in_the_same_order(review_pages):
    out = io.StringIO()

    call_command("boussole_freshness_report", stdout=out)

    text = out.getvalue()
    positions = [text.index(t) for t in ["Très en retard", "Un peu en retard", "Bientôt"]]
    assert positions == sorted(positions)
    assert "en retard de 40 jours" in text and "Camille Martin" in text
    assert "sans responsable" in text
    assert "Plus tard" not in text and "Brouillon en retard" not in text


@pytest.mark.django_db
def test_report_command_refuses_a_negative_horizon_with_a_french_message():
    with pytest.raises(CommandError, match="positif ou nul"):
        call_command("boussole_freshness_report", "--days=-1")
