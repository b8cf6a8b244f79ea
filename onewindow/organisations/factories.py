"""factory_boy factories for organisations. Codes and credit codes are valid by construction."""

from __future__ import annotations

import random
from typing import Any

import factory
from django.contrib.auth.hashers import make_password

from onewindow.accounts.models import User
from onewindow.core.identity_makers import make_uscc
from onewindow.organisations.choices import PlaceKind, RegionLevel, Role, WindowKind
from onewindow.organisations.models import (
    Assignment,
    Department,
    Region,
    ServicePlace,
    Staff,
    Window,
)

TEST_PASSWORD = "test-pass-123"
_rng = random.Random(2260)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name", locale="zh_CN")
    password = factory.LazyFunction(lambda: make_password(TEST_PASSWORD))


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    # Any: the levels below replace these constants with factory declarations.
    code: Any = "620000000000"
    name: Any = "甘肃省"
    level = RegionLevel.PROVINCE
    parent: Any = None


class CityFactory(ProvinceFactory):
    code = "620100000000"
    name = "兰州市"
    level = RegionLevel.CITY
    parent = factory.SubFactory(ProvinceFactory)


class CountyFactory(ProvinceFactory):
    code = factory.Sequence(lambda n: f"6201{21 + n % 70:02d}000000")
    name = factory.Sequence(lambda n: f"测试县{n}")
    level = RegionLevel.COUNTY
    parent = factory.SubFactory(CityFactory)


class TownshipFactory(ProvinceFactory):
    parent = factory.SubFactory(CountyFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code[:6]}{100 + n % 800:03d}000")
    name = factory.Sequence(lambda n: f"测试镇{n}")
    level = RegionLevel.TOWNSHIP


class VillageFactory(ProvinceFactory):
    parent = factory.SubFactory(TownshipFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code[:9]}{200 + n % 199:03d}")
    name = factory.Sequence(lambda n: f"测试村{n}")
    level = RegionLevel.VILLAGE


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePlace

    name = factory.Sequence(lambda n: f"测试政务服务中心{n}")
    kind = PlaceKind.GOVERNMENT_CENTER
    region = factory.SubFactory(CountyFactory)
    address = "测试路1号"
    phone = "0931-1234567"
    opening_hours = "工作日 9:00-17:00"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试局{n}")
    uscc = factory.LazyFunction(lambda: make_uscc(_rng, kind="11"))
    region = factory.SubFactory(CountyFactory)
    phone = "0931-7654321"


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    place = factory.SubFactory(PlaceFactory)
    number = factory.Sequence(lambda n: f"A{n % 1000:03d}")
    name = "综合受理"
    kind = WindowKind.COMPREHENSIVE
    category = "personal"


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    user = factory.SubFactory(UserFactory)
    employee_no = factory.Sequence(lambda n: f"T{n:05d}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    staff = factory.SubFactory(StaffFactory)
    role = Role.WINDOW_CLERK
