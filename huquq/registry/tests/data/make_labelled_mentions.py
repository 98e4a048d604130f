"""Regenerate labelled_mentions.csv (run once; the CSV is committed and reviewed by hand).

Every firm here is invented for testing; any likeness to a real firm is accidental. Each entity gets
mentions the way reports spell them: Cyrillic with the legal form in «», ICAO transliteration with a
Latin legal form, informal migrant typing (щ as sch/sh, ж as j, х as h/x …), hyphen and space changes,
a keyboard typo, GOST transliteration; some mentions carry a city or a valid INN/BIN, a few are bare
abbreviations that only the identifier can join. Usage:
    python huquq/registry/tests/data/make_labelled_mentions.py > huquq/registry/tests/data/labelled_mentions.csv
"""

import csv
import random
import re
import sys

from huquq.registry.employers.matching.identifiers import make_bin, make_inn10, make_inn12
from huquq.text.translit import INFORMAL, to_latin

rng = random.Random(20261124)

LF = {  # code -> (Cyrillic, Latin spellings)
    "OOO": ("ООО", ["OOO", "LLC", "000"]),
    "IP": ("ИП", ["IP"]),
    "TOO": ("ТОО", ["TOO", "LLP"]),
    "ZhShS": ("ЖШС", ["TOO", "LLP"]),
    "AO": ("АО", ["AO", "JSC"]),
    "ZAO": ("ЗАО", ["ZAO", "CJSC"]),
    "OAO": ("ОАО", ["OAO", "OJSC"]),
    "": ("", [""]),
}

CITY_LATIN = {"Москва": ["Moscow", "Moskva", "мск"], "Санкт-Петербург": ["St Petersburg", "СПб", "Piter"],
              "Екатеринбург": ["Ekaterinburg"], "Новосибирск": ["Novosibirsk"], "Казань": ["Kazan"],
              "Алматы": ["Almaty", "Алма-Ата"], "Астана": ["Astana", "Нур-Султан"], "Шымкент": ["Shymkent"]}

# (name without legal form, legal form, city, kind of identifier or "", extra hand-written variants)
ENTITIES = [
    ("СтройИнвест", "OOO", "Москва", "inn10", ["Строй-Инвест ООО", "stroi invest", "OOO Stroyinvest"]),
    ("СтройСервис", "OOO", "Москва", "", ["Строй Сервис", "stroyservice"]),
    ("СтройИнвест Плюс", "OOO", "Москва", "inn10", ["Стройинвест+"]),
    ("Стройтехсервис", "OOO", "Москва", "", ["Строй-Тех-Сервис"]),
    ("Альфа-Строй", "OOO", "Москва", "", ["Alfa Stroy"]),
    ("Альфа Сервис", "OOO", "Москва", "", ["Alpha Service"]),
    ("Сервис Плюс", "OOO", "Москва", "", []),
    ("Техносервис", "OOO", "Москва", "inn10", ["Tekhno-Servis"]),
    ("Инвест Групп", "OOO", "Москва", "", ["Invest Group"]),
    ("Строй Групп", "OOO", "Москва", "", ["Stroy Group"]),
    ("Иностранец", "OOO", "Москва", "", ["Inostranets", "инастранец"]),
    ("Законное Право", "OOO", "Москва", "", ["Zakonnoe pravo", "Законное право (юрфирма)"]),
    ("Северный Лес", "OOO", "Новосибирск", "inn10", ["лесопилка Северный лес"]),
    ("Жилкомсервис Ромашково", "OOO", "Москва", "", []),
    ("Щукинский Хлебозавод", "ZAO", "Москва", "inn10", ["Schukinskiy hlebozavod", "Shukinsky Khlebozavod"]),
    ("Жемчужина", "OOO", "Казань", "", ["Jemchujina", "Zhemchuzhina"]),
    ("Цветмет Урал", "OOO", "Екатеринбург", "", ["Tsvetmet Ural", "Cvetmet Ural"]),
    ("Южный Двор", "OOO", "Москва", "", ["Yuzhny Dvor", "Ujniy Dvor"]),
    ("Ярославская Мануфактура", "AO", "Москва", "", ["Yaroslavskaya Manufaktura"]),
    ("Дружба Народов", "OOO", "Санкт-Петербург", "", ["Drujba Narodov"]),
    ("Хабибуллин Рустам", "IP", "Казань", "inn12", ["ИП Хабибуллин Р.", "Habibullin Rustam"]),
    ("Юсупов Шухрат", "IP", "Москва", "inn12", ["Yusupov Shuhrat", "ИП Юсупов Ш."]),
    ("Щербаков Андрей", "IP", "Санкт-Петербург", "", ["Sherbakov Andrey", "Scherbakov A."]),
    ("Восток-Трейд", "OOO", "Новосибирск", "", ["Vostok Trade"]),
    ("Запад Трейд", "OOO", "Москва", "", ["Zapad Treid"]),
    ("Меридиан", "OOO", "Москва", "inn10", ["Meridian"]),
    ("Меркурий", "OOO", "Москва", "", ["Merkuriy", "Mercury"]),
    ("Уралпромстрой", "OAO", "Екатеринбург", "inn10", ["Урал Пром Строй", "Uralpromstroy"]),
    ("Мосстройтранс", "OOO", "Москва", "", ["Мосстрой Транс"]),
    ("Кадровый Центр Партнёр", "OOO", "Москва", "", ["КЦ Партнер", "Kadrovy Tsentr Partner"]),
    ("Работа Плюс", "OOO", "Москва", "", ["Rabota Plus"]),
    ("Трудовые Ресурсы", "OOO", "Санкт-Петербург", "inn10", ["Trudovye Resursy"]),
    ("Север Инвест", "AO", "Новосибирск", "", ["Sever Invest"]),
    ("Подъёмник", "ZAO", "Екатеринбург", "", ["Podyomnik", "Podemnik"]),
    ("Клининг Профи", "OOO", "Москва", "", ["Cleaning Profi"]),
    ("Чистый Город", "OOO", "Москва", "", ["Chistyy Gorod", "4istyi gorod"]),
    ("Белый Медведь", "OOO", "Новосибирск", "", ["Beliy Medved"]),
    ("Ромашка", "OOO", "Москва", "", ["Romashka"]),
    ("Ромашка-Сервис", "OOO", "Москва", "", ["Romashka Service"]),
    ("Эверест", "OOO", "Москва", "", ["Everest"]),
    ("Эдельвейс", "OOO", "Санкт-Петербург", "", ["Edelweiss", "Эдельвеис"]),
    ("Азия Экспресс", "OOO", "Новосибирск", "", ["Asia Express"]),
    ("Евро Азия Транс", "OOO", "Екатеринбург", "", ["EuroAsia Trans"]),
    ("Уральский Завод Металлоконструкций", "OAO", "Екатеринбург", "inn10", ["УЗМК"]),
    ("Алтын Тау Құрылыс", "TOO", "Алматы", "bin", ["Алтынтау Курылыс", "Altyn Tau Qurylys"]),
    ("Алтын Құрылыс", "TOO", "Алматы", "", ["Altyn Kurylys"]),
    ("Ақ Жол Құрылыс", "TOO", "Шымкент", "bin", ["Ак Жол Курылыс", "Aq Zhol Qurylys"]),
    ("Ақ Жол Сервис", "TOO", "Шымкент", "", ["Ak Jol Service"]),
    ("Қазақ Тұрғын Құрылыс", "ZhShS", "Астана", "", ["Kazak Turgyn Kurylys"]),
    ("Нұр Сәулет", "TOO", "Астана", "bin", ["Нур Саулет", "Nur Saulet"]),
    ("Жетісу Агро", "TOO", "Алматы", "", ["Жетысу Агро", "Zhetysu Agro", "Jetisu Agro"]),
    ("Бәйтерек Сервис", "TOO", "Астана", "", ["Байтерек Сервис", "Bayterek Service"]),
    ("Өркен Строй", "TOO", "Шымкент", "", ["Оркен Строй", "Orken Stroi"]),
    ("Үміт", "TOO", "Алматы", "bin", ["Умит", "Umit"]),
    ("Ғалымжан Серікұлы", "IP", "Алматы", "", ["ЖК Ғалымжан С.", "Galymzhan Serikuly"]),
    ("Дала Трейд", "TOO", "Алматы", "", ["Dala Trade"]),
    ("Шаңырақ", "TOO", "Астана", "bin", ["Шанырак", "Shanyrak", "Shangyraq"]),
    ("Көктем Инвест", "TOO", "Алматы", "", ["Коктем Инвест", "Koktem Invest"]),
    ("Самал Логистик", "TOO", "Алматы", "", ["Samal Logistics"]),
    ("Астана Строй Сервис", "TOO", "Астана", "", ["Астана СтройСервис"]),
    ("Алатау Тех", "TOO", "Алматы", "", ["Alatau Tech"]),
    ("Ахметов Серік", "IP", "Шымкент", "", ["Akhmetov Serik", "ИП Ахметов С."]),
    ("Тау Самал", "TOO", "Алматы", "", ["Tau-Samal"]),
    # hard negatives: same city as a firm above and a shared distinctive or generic word
    ("Меридиан Строй", "OOO", "Москва", "", ["Meridian Stroy"]),
    ("Северный Ветер", "OOO", "Новосибирск", "", ["Severny Veter"]),
    ("Дала Сервис", "TOO", "Алматы", "", ["Dala Service"]),
    ("Альфа Строй Инвест", "OOO", "Москва", "", ["Alfa Stroyinvest"]),
    ("Самал Строй", "TOO", "Алматы", "", ["Samal Stroi"]),
]

KEYBOARD_NEIGHBOURS = {"а": "ыв", "о": "лр", "е": "кн", "и": "мт", "н": "ег", "р": "пк", "с": "чм", "т": "иь",
                       "a": "sq", "o": "ip", "e": "wr", "i": "uo", "n": "bm", "r": "et", "s": "ad", "t": "ry"}


def informal(name: str) -> str:
    out = []
    for ch in name.lower():
        if ch in INFORMAL:
            out.append(rng.choice(INFORMAL[ch]))
        else:
            out.append(to_latin(ch))
    return "".join(out)


def typo(name: str) -> str:
    words = name.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[longest]
    if len(w) < 5:
        return name
    pos = rng.randrange(1, len(w) - 1)
    kind = rng.choice(["drop", "swap", "near", "double"])
    if kind == "drop":
        w = w[:pos] + w[pos + 1:]
    elif kind == "swap":
        w = w[:pos] + w[pos + 1] + w[pos] + w[pos + 2:]
    elif kind == "near" and w[pos].lower() in KEYBOARD_NEIGHBOURS:
        w = w[:pos] + rng.choice(KEYBOARD_NEIGHBOURS[w[pos].lower()]) + w[pos + 1:]
    else:
        w = w[:pos] + w[pos] + w[pos:]
    words[longest] = w
    return " ".join(words)


def respace(name: str) -> str:
    if " " in name or "-" in name:
        return re.sub(r"[ -]", rng.choice(["", "-", " "]), name)
    return re.sub(r"(?<=[а-яәғқңөұүһі])(?=[А-ЯӘҒҚҢӨҰҮҺІ])", rng.choice([" ", "-"]), name)


def identifier(kind: str) -> str:
    if kind == "inn10":
        return make_inn10("77" + "".join(rng.choice("0123456789") for _ in range(7)))
    if kind == "inn12":
        return make_inn12("77" + "".join(rng.choice("0123456789") for _ in range(8)))
    if kind == "bin":
        while True:
            first = f"{rng.randrange(0, 25):02d}{rng.randrange(1, 13):02d}40" + "".join(
                rng.choice("0123456789") for _ in range(5))
            made = make_bin(first)
            if made:
                return made
    return ""


def main() -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["id", "name", "inn", "city", "entity"])
    n = 0
    for number, (name, lf, city, id_kind, extra) in enumerate(ENTITIES, 1):
        cyr_lf, lat_lfs = LF[lf]
        ident = identifier(id_kind)
        variants = [
            f"{cyr_lf} «{name}»",
            f"{rng.choice(lat_lfs)} \"{to_latin(name)}\"",
            informal(name),
            f"{respace(name)} {cyr_lf}",
            typo(name),
            f"{to_latin(name, 'gost')} {rng.choice(lat_lfs)}",
            *extra,
        ]
        for i, variant in enumerate(variants):
            n += 1
            use_ident = ident if ident and i in (0, 3, 5) else ""
            if i % 2 == 0:
                mention_city = city
            elif i % 3 == 1:
                mention_city = rng.choice(CITY_LATIN[city])
            else:
                mention_city = ""
            writer.writerow([f"m{n:04d}", re.sub(r"\s+", " ", variant).strip(), use_ident, mention_city,
                             f"E{number:02d}"])
        if ident:  # an abbreviation that only the identifier can join
            n += 1
            initials = "".join(w[0] for w in re.split(r"[ -]", name) if w).upper()
            writer.writerow([f"m{n:04d}", f"{cyr_lf} {initials}".strip(), ident, "", f"E{number:02d}"])


if __name__ == "__main__":
    main()
