"""The demo county: Yuzhong County (榆中县), Lanzhou, Gansu.

Region names follow the real divisions; village lists, addresses, phone numbers and people are
made up for the demo. Township codes use GB/T 2260's 3-digit extension (100-199 towns, 200-299
townships); villages use 001-199 for communities and 200-399 for village committees.
"""

from __future__ import annotations

PROVINCE = ("620000000000", "甘肃省")
CITY = ("620100000000", "兰州市")
COUNTY = ("620123000000", "榆中县")

# (code suffix, name, [village names]); names ending in 社区 are communities.
TOWNSHIPS: list[tuple[str, str, list[str]]] = [
    ("100", "城关镇", ["栖云社区", "兴隆社区", "东关村", "西关村", "南关村", "三角城村"]),
    ("101", "夏官营镇", ["夏官营村", "太平堡村", "红柳沟村", "上庄村", "过店子村"]),
    ("102", "高崖镇", ["高崖村", "水坡村", "红庄村", "新庄湾村"]),
    ("103", "金崖镇", ["金崖村", "黄家庄村", "岘口村", "大兴营村", "周前村"]),
    ("104", "和平镇", ["和平村", "袁家营村", "陈家营村", "孙家岔村"]),
    ("105", "甘草店镇", ["甘草店村", "车道岭村", "三墩营村", "马家沟村"]),
    ("106", "青城镇", ["城河村", "瓦窑村", "苇茨湾村", "青城社区"]),
    ("107", "定远镇", ["定远村", "蒋家营村", "凡家营村", "三墩营村"]),
]

# The seed of the demo's people, numbers and posts (`load_demo --seed` picks another).
DEFAULT_SEED = 20261122

CENTER_ADDRESS = "榆中县城关镇栖云北路188号"
CENTER_PHONE = "0931-5221234"
HOURS = "周一至周五 8:30-12:00, 14:30-18:00（周六上午值班）"

# (name, short name, consultation phone suffix, stationed at county center, own window?)
DEPARTMENTS: list[tuple[str, str, str]] = [
    ("榆中县发展和改革局", "发改局", "5221301"),
    ("榆中县教育局", "教育局", "5221302"),
    ("榆中县公安局", "公安局", "5221303"),
    ("榆中县民政局", "民政局", "5221304"),
    ("榆中县司法局", "司法局", "5221305"),
    ("榆中县人力资源和社会保障局", "人社局", "5221306"),
    ("榆中县自然资源局", "自然资源局", "5221307"),
    ("榆中县住房和城乡建设局", "住建局", "5221308"),
    ("榆中县交通运输局", "交通局", "5221309"),
    ("榆中县农业农村局", "农业农村局", "5221310"),
    ("榆中县卫生健康局", "卫健局", "5221311"),
    ("榆中县市场监督管理局", "市场监管局", "5221312"),
    ("榆中县医疗保障局", "医保局", "5221313"),
    ("榆中县文化和旅游局", "文旅局", "5221314"),
    ("国家税务总局榆中县税务局", "税务局", "5221315"),
    ("榆中县应急管理局", "应急局", "5221316"),
]

# Their unified social credit codes: fixed, because the catalog workbooks (data/catalog/) name the
# implementing bodies by them.
DEPARTMENT_USCC: dict[str, str] = {
    "发改局": "11620123983690064W",
    "教育局": "116201230267735466",
    "公安局": "11620123684874525Y",
    "民政局": "11620123685969382M",
    "司法局": "11620123493739646H",
    "人社局": "11620123017572283P",
    "自然资源局": "116201234642892604",
    "住建局": "11620123937195564Y",
    "交通局": "116201232799556049",
    "农业农村局": "11620123636224616J",
    "卫健局": "116201234162743714",
    "市场监管局": "11620123326222973X",
    "医保局": "11620123511964135P",
    "文旅局": "1162012341163397X2",
    "税务局": "116201233592960395",
    "应急局": "116201237519664040",
}

# County center windows: (number, name, kind, category, department short name)
CENTER_WINDOWS: list[tuple[str, str, str, str, str]] = [
    ("A01", "企业经营综合受理", "comprehensive", "enterprise", ""),
    ("A02", "企业经营综合受理", "comprehensive", "enterprise", ""),
    ("A03", "企业经营综合受理", "comprehensive", "enterprise", ""),
    ("A04", "企业开办专区", "comprehensive", "enterprise", ""),
    ("B01", "工程建设综合受理", "comprehensive", "construction", ""),
    ("B02", "工程建设综合受理", "comprehensive", "construction", ""),
    ("B03", "工程建设综合受理", "comprehensive", "construction", ""),
    ("C01", "公民个人综合受理", "comprehensive", "personal", ""),
    ("C02", "公民个人综合受理", "comprehensive", "personal", ""),
    ("C03", "公民个人综合受理", "comprehensive", "personal", ""),
    ("C04", "社会事务综合受理", "comprehensive", "social", ""),
    ("C05", "社会事务综合受理", "comprehensive", "social", ""),
    ("D01", "不动产登记", "department", "", "自然资源局"),
    ("D02", "税费缴纳", "department", "", "税务局"),
    ("D03", "户籍与出入境", "department", "", "公安局"),
    ("D04", "社保医保", "department", "", "人社局"),
    ("E01", "统一出件", "delivery", "", ""),
    ("E02", "统一出件（邮寄）", "delivery", "", ""),
    ("F01", "投诉受理 · 办不成事反映", "complaint", "", ""),
    ("G01", "周末值班", "duty", "", ""),
]

TOWNSHIP_WINDOWS: list[tuple[str, str, str, str]] = [
    ("01", "综合受理（个人事务）", "comprehensive", "personal"),
    ("02", "综合受理（社会事务）", "comprehensive", "social"),
    ("03", "统一出件", "delivery", ""),
]

STREETS = ["兴隆路", "栖云南路", "文成路", "和平大道", "金崖街", "夏官营大街", "定远路", "三角城路"]
