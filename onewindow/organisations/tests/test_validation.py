"""Bad organisation input is refused with a message and leaves the database as it was."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from onewindow.core.identity_makers import make_uscc
from onewindow.organisations import services
from onewindow.organisations.choices import Role, WindowKind
from onewindow.organisations.factories import StaffFactory, UserFactory
from onewindow.organisations.models import Assignment, Department, Region, Window


class Refusal:
    """A caught ``ValidationError`` with its messages read in English."""

    def __init__(self, error: ValidationError) -> None:
        self.error = error
        with translation.override("en"):
            self.messages = [str(m) for m in error.messages]
            if hasattr(error, "error_dict"):
                self.message_dict = {k: [str(m) for m in v] for k, v in error.message_dict.items()}
            else:
                self.message_dict = {NON_FIELD_ERRORS: self.messages}

    @property
    def codes(self) -> list[str | None]:
        if hasattr(self.error, "error_dict"):
            return [e.code for errors in self.error.error_dict.values() for e in errors]
        return [e.code for e in self.error.error_list] if hasattr(self.error, "error_list") else []


def refused(call, model, **kwargs) -> Refusal:
    """Run ``call(**kwargs)`` in English; it must raise and leave ``model``'s table unchanged."""
    before = model.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as info:
        call(**kwargs)
    assert model.objects.count() == before
    return Refusal(info.value)


# --- region codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("6201231", "exactly 12 digits"),
        ("6201230000001", "exactly 12 digits"),
        ("", "exactly 12 digits"),
        ("62012A000000", "exactly 12 digits"),
        ("６２０１２４０００００００", "exactly 12 digits"),  # full-width digits
        ("990000000000", "not a province code"),
        ("000000000000", "not a province code"),
        ("620100100000", "skips a level"),
        ("620023000000", "skips a level"),
        ("620123000201", "skips a level"),
    ],
)
def test_malformed_region_code_is_refused(world, code, fragment):
    error = refused(services.region_create, Region, code=code, name="某地", parent=world.city)

    assert list(error.message_dict) == ["code"]
    assert fragment in " ".join(error.message_dict["code"])


def test_region_code_not_under_its_parent_is_refused(world):
    # 620223 is a county of another city (嘉峪关's 6202), not of Lanzhou (6201).
    error = refused(
        services.region_create, Region, code="620223000000", name="某县", parent=world.city
    )

    assert "does not lie under the parent code 620100000000" in error.message_dict["code"][0]


def test_village_under_another_township_is_refused(world):
    error = refused(
        services.region_create, Region, code="620123101201", name="某村", parent=world.town_a
    )

    assert "code" in error.message_dict


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("620123101000", "city"),  # a township straight under the city
        ("620124000000", "province"),  # a county straight under the province
        ("620123100202", "county_a"),  # a village straight under the county
        ("620124000000", "county_a"),  # a county under a county
    ],
)
def test_parent_at_the_wrong_level_is_refused(world, code, parent):
    error = refused(
        services.region_create, Region, code=code, name="某地", parent=getattr(world, parent)
    )

    assert "must be one level above it" in error.message_dict["parent"][0]


def test_region_other_than_a_province_needs_a_parent(world):
    error = refused(services.region_create, Region, code="620124000000", name="某县")

    assert error.message_dict["parent"] == ["Only a province has no parent region."]


def test_duplicate_region_code_is_refused(world):
    error = refused(
        services.region_create, Region, code=world.county_a.code, name="榆中县", parent=world.city
    )

    assert "code" in error.message_dict


def test_region_without_a_name_is_refused(world):
    error = refused(
        services.region_create, Region, code="620124000000", name="  ", parent=world.city
    )

    assert "name" in error.message_dict


def test_valid_region_is_created_with_its_level(world):
    town = services.region_create(code=" 620123101000 ", name="夏官营镇", parent=world.county_a)

    assert town.code == "620123101000"
    assert town.level == 5
    assert town.prefix == "620123101"


# --- departments ----------------------------------------------------------------------------------

_rng = random.Random(32100)


def _good_uscc() -> str:
    return make_uscc(_rng, kind="11")


def _bad_usccs() -> list[tuple[str, str]]:
    good = _good_uscc()
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    return [
        (wrong_check, "uscc_checksum"),
        (good[:17], "uscc_length"),
        (good + "1", "uscc_length"),
        *((good[:10] + letter + good[11:], "uscc_format") for letter in "IOZSV"),
        ("94" + good[2:17] + "0", "uscc_type"),  # market regulation has no type 4
        ("B1" + good[2:], "uscc_type"),  # no registration authority B
        ("11A20123" + good[8:], "uscc_region"),
    ]


@pytest.mark.parametrize(("uscc", "code"), _bad_usccs())
def test_department_with_an_invalid_uscc_is_refused(world, uscc, code):
    error = refused(
        services.department_create,
        Department,
        name="榆中县新设局",
        uscc=uscc,
        region=world.county_a,
        places=[world.center_a],
    )

    assert error.codes == [code]
    assert error.messages[0]
    assert list(error.message_dict) == ["uscc"]  # shown next to the credit-code field


def test_department_with_a_duplicate_uscc_is_refused(world):
    error = refused(
        services.department_create,
        Department,
        name="重名局",
        uscc=world.dept_x.uscc,
        region=world.county_a,
    )

    assert "uscc" in error.message_dict


def test_department_is_created_with_a_normalised_uscc(world):
    code = _good_uscc()

    department = services.department_create(
        name="榆中县新设局", uscc=code.lower(), region=world.county_a, places=[world.center_a]
    )

    assert department.uscc == code
    assert list(department.places.all()) == [world.center_a]


# --- windows --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "category", "department", "field"),
    [
        (WindowKind.COMPREHENSIVE, "", None, "category"),
        (WindowKind.DEPARTMENT, "", None, "department"),
        (WindowKind.DELIVERY, "", "dept_x", "department"),
        (WindowKind.COMPREHENSIVE, "space_travel", None, "category"),
        ("teleport", "", None, "kind"),
    ],
)
def test_window_rules(world, kind, category, department, field):
    error = refused(
        services.window_create,
        Window,
        place=world.center_a,
        number="Z09",
        name="新窗口",
        kind=kind,
        category=category,
        department=getattr(world, department) if department else None,
    )

    assert field in error.message_dict
    assert error.message_dict[field][0]


def test_window_number_is_unique_within_a_place(world):
    refused(
        services.window_create,
        Window,
        place=world.center_a,
        number=world.window_a.number,
        name="重号窗口",
        kind=WindowKind.DELIVERY,
    )

    # The same number at another place is fine.
    services.window_create(
        place=world.town_center_a,
        number=world.window_a.number,
        name="综合受理",
        kind=WindowKind.COMPREHENSIVE,
        category="personal",
    )


def test_department_window_is_created(world):
    window = services.window_create(
        place=world.center_a,
        number="D01",
        name="税费缴纳",
        kind=WindowKind.DEPARTMENT,
        department=world.dept_y,
    )

    assert window.department == world.dept_y


# --- role assignments -----------------------------------------------------------------------------


@pytest.fixture
def newcomer(world):
    return StaffFactory(user=UserFactory(username="newcomer"))


@pytest.mark.parametrize(
    ("role", "scope", "fields"),
    [
        (Role.WINDOW_CLERK, {"region": "county_a"}, {"place", "region"}),
        (Role.REVIEWER, {"place": "center_a"}, {"department", "place"}),
        (Role.ADMINISTRATOR, {"department": "dept_x"}, {"region", "department"}),
        (Role.SUPERVISOR, {}, {"region"}),
        (Role.CENTER_MANAGER, {"place": "center_a", "region": "county_a"}, {"region"}),
    ],
)
def test_role_with_the_wrong_kind_of_scope_is_refused(world, newcomer, role, scope, fields):
    error = refused(
        services.role_grant,
        Assignment,
        staff=newcomer,
        role=role,
        **{k: getattr(world, v) for k, v in scope.items()},
    )

    assert set(error.message_dict) == fields


def test_clerk_posted_at_a_window_of_another_place_is_refused(world, newcomer):
    error = refused(
        services.role_grant,
        Assignment,
        staff=newcomer,
        role=Role.WINDOW_CLERK,
        place=world.center_a,
        window=world.window_b,
    )

    assert error.message_dict["window"] == ["The window must belong to the clerk's service place."]


def test_only_a_clerk_is_posted_at_a_window(world, newcomer):
    error = refused(
        services.role_grant,
        Assignment,
        staff=newcomer,
        role=Role.CENTER_MANAGER,
        place=world.center_a,
        window=world.window_a,
    )

    assert error.message_dict["window"] == ["Only a window clerk is posted at a window."]


def test_duplicate_grant_is_refused(world):
    staff = world.clerk_a.staff

    error = refused(
        services.role_grant, Assignment, staff=staff, role=Role.WINDOW_CLERK, place=world.center_a
    )

    assert error.message_dict[NON_FIELD_ERRORS] == [
        "This staff member already holds this role over this scope."
    ]


def test_duplicate_region_grant_is_refused(world):
    error = refused(
        services.role_grant,
        Assignment,
        staff=world.supervisor_a.staff,
        role=Role.SUPERVISOR,
        region=world.county_a,
    )

    assert error.messages


def test_granting_the_administrator_role_opens_the_admin(world, newcomer):
    assert not newcomer.user.is_staff

    services.role_grant(staff=newcomer, role=Role.ADMINISTRATOR, region=world.county_a)

    newcomer.user.refresh_from_db()
    assert newcomer.user.is_staff


def test_same_role_over_another_scope_is_allowed(world):
    services.role_grant(staff=world.reviewer_x.staff, role=Role.REVIEWER, department=world.dept_y)

    assert world.reviewer_x.staff.assignments.count() == 2


# --- the Django admin -----------------------------------------------------------------------------

CHANGELIST = "/admin/organisations/department/"
ADD = "/admin/organisations/department/add/"


def changelist_names(response) -> set[str]:
    return {d.name for d in response.context["cl"].result_list}


def test_admin_a_sees_only_county_a_departments(world, login):
    response = login(world.admin_a).get(CHANGELIST)

    assert response.status_code == 200
    assert changelist_names(response) == {world.dept_x.name, world.dept_y.name}
    assert world.dept_z.name not in response.content.decode()


def test_admin_b_does_not_see_county_a_departments(world, login):
    response = login(world.admin_b).get(CHANGELIST)

    assert response.status_code == 200
    assert changelist_names(response) == {world.dept_z.name}


def test_admin_cannot_open_a_department_of_another_county(world, login):
    response = login(world.admin_a).get(
        f"/admin/organisations/department/{world.dept_z.pk}/change/"
    )

    # Django's admin answers a missing object with a redirect to the index and a message.
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_reviewer_gets_no_admin_access(world, login):
    response = login(world.reviewer_x).get(CHANGELIST)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_staff_flag_alone_does_not_open_organisation_admin(world, login):
    # Given a reviewer who somehow got Django's is_staff flag but no administrator role
    world.reviewer_x.is_staff = True
    world.reviewer_x.save()
    client = login(world.reviewer_x)

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(ADD).status_code == 403
    index = client.get("/admin/")
    assert index.status_code == 200
    assert not [a for a in index.context["app_list"] if a["app_label"] == "organisations"]


def _department_post(world, **overrides) -> dict[str, object]:
    data = {
        "name": "榆中县新设局",
        "short_name": "新设局",
        "uscc": _good_uscc(),
        "region": world.county_a.pk,
        "nature": "1",
        "phone": "",
        "complaint_phone": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_admin_add_form_refuses_an_invalid_uscc(world, login):
    good = _good_uscc()
    before = Department.objects.count()

    response = login(world.admin_a).post(ADD, _department_post(world, uscc=good[:17] + "?"))

    assert response.status_code == 200
    assert "uscc" in response.context["adminform"].form.errors
    assert Department.objects.count() == before


def test_admin_add_form_creates_a_valid_department(world, login):
    before = Department.objects.count()

    response = login(world.admin_a).post(ADD, _department_post(world))

    assert response.status_code == 302
    assert Department.objects.count() == before + 1


def test_admin_cannot_create_a_department_outside_their_county(world, login):
    before = Department.objects.count()

    response = login(world.admin_a).post(ADD, _department_post(world, region=world.county_b.pk))

    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors
    assert Department.objects.count() == before


def test_admin_cannot_create_a_region_outside_their_county(world, login):
    before = Region.objects.count()

    response = login(world.admin_a).post(
        "/admin/organisations/region/add/",
        {"code": "620121100000", "name": "永登城关镇", "level": 5, "parent": world.county_b.pk},
    )

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert Region.objects.count() == before


def test_admin_can_still_edit_their_own_root_region(world, login):
    # The county's parent (the city) lies above admin_a's scope, yet it is the current value.
    response = login(world.admin_a).post(
        f"/admin/organisations/region/{world.county_a.pk}/change/",
        {"code": world.county_a.code, "name": "榆中县（改）", "level": 4, "parent": world.city.pk},
    )

    assert response.status_code == 302
    world.county_a.refresh_from_db()
    assert world.county_a.name == "榆中县（改）"


def test_admin_cannot_move_their_region_under_another_county(world, login):
    response = login(world.admin_a).post(
        f"/admin/organisations/region/{world.town_a.pk}/change/",
        {
            "code": world.town_a.code,
            "name": world.town_a.name,
            "level": 5,
            "parent": world.county_b.pk,
        },
    )

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    world.town_a.refresh_from_db()
    assert world.town_a.parent == world.county_a


def test_county_admin_assigns_roles_inline_but_only_within_the_county(world, login):
    # given the administrator of county A editing a staff member of county A
    from onewindow.organisations.models import Assignment, Staff

    staff = Staff.objects.get(user=world.clerk_a)
    client = login(world.admin_a)
    url = f"/admin/organisations/staff/{staff.pk}/change/"
    page = client.get(url)
    # then the role assignment rows are shown (the inline needs no Django model permission)
    assert page.status_code == 200
    assert "assignments-TOTAL_FORMS" in page.content.decode()

    existing = list(staff.assignments.all())
    form = {
        "employee_no": staff.employee_no,
        "user": staff.user_id,
        "phone": staff.phone,
        "title": staff.title,
        "assignments-TOTAL_FORMS": str(len(existing) + 1),
        "assignments-INITIAL_FORMS": str(len(existing)),
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
    }
    for i, a in enumerate(existing):
        form.update(
            {
                f"assignments-{i}-id": a.pk,
                f"assignments-{i}-staff": staff.pk,
                f"assignments-{i}-role": a.role,
                f"assignments-{i}-place": a.place_id or "",
                f"assignments-{i}-window": a.window_id or "",
            }
        )
    new = len(existing)
    form.update({f"assignments-{new}-staff": staff.pk, f"assignments-{new}-role": "supervisor"})

    # when the admin grants a supervisor role over county B (outside their scope)
    form[f"assignments-{new}-region"] = world.county_b.pk
    response = client.post(url, form)
    # then it is refused and nothing is saved
    assert response.status_code == 200
    assert not Assignment.objects.filter(staff=staff, role="supervisor").exists()

    # when the same role is granted over county A
    form[f"assignments-{new}-region"] = world.county_a.pk
    response = client.post(url, form)
    # then it is saved
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Assignment.objects.filter(staff=staff, role="supervisor", region=world.county_a).exists()
