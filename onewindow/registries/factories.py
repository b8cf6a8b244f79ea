"""factory_boy factories for applicants, with numbers that pass the real validators."""

from __future__ import annotations

import random

import factory
from stdnum.cn import ric

from onewindow.core.identity_makers import make_resident_id, make_uscc
from onewindow.registries.choices import Gender, LegalPersonType
from onewindow.registries.models import LegalPerson, NaturalPerson

_rng = random.Random(11643)


class NaturalPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NaturalPerson

    id_number = factory.LazyFunction(lambda: make_resident_id(_rng))
    name = factory.Faker("name", locale="zh_CN")
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    address = "甘肃省兰州市榆中县城关镇兴隆路8号"
    birth_date = factory.LazyAttribute(lambda o: ric.get_birth_date(o.id_number))
    gender = factory.LazyAttribute(
        lambda o: Gender.MALE if int(o.id_number[16]) % 2 else Gender.FEMALE
    )


class LegalPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalPerson

    uscc = factory.LazyFunction(lambda: make_uscc(_rng, kind="91"))
    name = factory.Sequence(lambda n: f"兰州测试商贸有限公司{n}")
    kind = LegalPersonType.ENTERPRISE
    representative_name = factory.Faker("name", locale="zh_CN")
    representative_id_number = factory.LazyFunction(lambda: make_resident_id(_rng))
    phone = factory.Sequence(lambda n: f"137{n:08d}")
    address = "甘肃省兰州市榆中县栖云北路1号"
