"""The order names are listed in (engine.store.name_order): Chinese surnames by their surname reading."""
from __future__ import annotations

import pytest

from engine.store import Store, name_order
from engine.store.name_order import SURNAMES, name_key, numbered_key


def test_a_surname_is_read_as_a_surname():
    """Review 40s: 曾紫涵 came between 曹睿 and 陈思琪 (céng); as a surname 曾 is Zēng, before 张 (zeng < zhang).
    单 is Shàn (after 沙 shā), not dān."""
    names = ["曾紫涵", "曹睿", "陈思琪", "张伟", "赵一鸣", "单田芳", "沙宝亮"]
    assert sorted(names, key=name_key) == ["曹睿", "陈思琪", "沙宝亮", "单田芳", "曾紫涵", "张伟", "赵一鸣"]
    assert sorted(["解晓东", "谢娜", "姜文", "徐静"], key=name_key) == ["姜文", "谢娜", "解晓东", "徐静"]  # Xiè


def test_only_the_surname_has_its_surname_reading():
    """王曾祺: 曾 in a given name is céng (cen < ceng < ze), not the surname's zēng."""
    assert sorted(["王泽", "王曾祺", "王岑"], key=name_key) == ["王岑", "王曾祺", "王泽"]


@pytest.mark.parametrize("before, name, after", [
    ("泽", "曾紫涵", "张"),  # Zēng
    ("沙", "单田芳", "上"),  # Shàn
    ("夏", "解晓东", "辛"),  # Xiè
    ("秦", "仇晓", "曲"),  # Qiú
    ("牛", "区明", "潘"),  # Ōu
    ("增", "查理", "张"),  # Zhā
    ("渣", "翟天临", "张"),  # Zhái
    ("潘", "朴树", "平"),  # Piáo
    ("高", "盖丽", "耿"),  # Gě
    ("钱", "覃思", "邱"),  # Qín
    ("苗", "缪杰", "闵"),  # Miào
    ("贝", "秘书文", "卞"),  # Bì
    ("陈", "种明", "楚"),  # Chóng
    ("于", "乐然", "云"),  # Yuè
    ("龚", "句华", "顾"),  # Gōu
    ("云", "员明", "张"),  # Yùn
    ("卡", "阚文", "康"),  # Kàn
    ("潘", "繁星", "蒲"),  # Pó
    ("王", "隗明", "魏"),  # Wěi
    ("沙", "折明", "沈"),  # Shé
    ("沙", "召明", "沈"),  # Shào
    ("冯", "宓明", "高"),  # Fú
    ("于", "尉迟恭", "袁"),  # Yùchí
    ("王", "尉敏", "吴"),  # 尉 alone: Wèi
    ("米", "万俟明", "穆"),  # Mòqí
    ("孙", "澹台明", "唐"),  # Tántái
    ("朱", "诸葛亮", "庄"),  # Zhūgě
])
def test_surnames_sort_among_their_reading(before, name, after):
    assert name_key(before) < name_key(name) < name_key(after)


def test_the_surname_table_is_well_formed():
    assert all(len(surname) == len(read) and len(surname) in (1, 2) for surname, read in SURNAMES.items())
    assert all(name_order.FIRST <= ord(c) <= name_order.LAST for pair in SURNAMES.items() for c in "".join(pair))
    assert all(surname != read for surname, read in SURNAMES.items())


def test_other_names_and_group_names_are_not_read_as_surnames(monkeypatch):
    assert sorted(["ana", "Ben", "曾紫涵", "张伟"], key=name_key)[:2] == ["ana", "Ben"]
    assert sorted(["金星组", "解题组"], key=numbered_key) == ["解题组", "金星组"]  # a group: 解题 is jiě tí
    monkeypatch.setattr(name_order, "_ranks", lambda: None)  # no ranks file: character codes, as before
    assert name_key("曾紫涵") == tuple((1, ord(c)) for c in "曾紫涵")


def test_the_class_list_goes_by_surname_reading(data_dir):
    with Store.open() as store:
        class_id = store.create_class("三年级二班")
        for name in ["曾紫涵", "曹睿", "陈思琪", "张伟", "单田芳", "丁一"]:
            store.add_student(class_id, name)
        assert [s.name for s in store.list_students(class_id)] == ["曹睿", "陈思琪", "丁一", "单田芳", "曾紫涵", "张伟"]


def test_a_name_beginning_with_an_accented_letter_is_listed_with_its_letter(data_dir):
    """Review 51a: Ñandú García came after Zoë Martin in the class list, the quiz grid, practice and printouts."""
    with Store.open() as store:
        class_id = store.create_class("3A")
        for name in ["Zoë Martin", "Ñandú García", "Émile Durand", "Nora Lee", "Ana Silva"]:
            store.add_student(class_id, name)
        assert [s.name for s in store.list_students(class_id)] == ["Ana Silva", "Émile Durand", "Ñandú García", "Nora Lee",
                                                                   "Zoë Martin"]
