#!/usr/bin/env python3
"""Generates tests/data/normalize/mojibake.jsonl: our own mojibake cases (sentences written for
this project, damaged with Python's codecs the way broken software damages them) and clean
texts that must stay untouched. Same format as ../shared/data/normalize-dev/mojibake.jsonl."""
import json
import os
import sys

TEXTS = {
    "fr": "Le comité a étudié la déclaration à huis clos.\nÇa n’a pas été facile : « déjà vu », dit-il.",
    "de": "Die Größe der Übersetzung hängt vom Schlüssel ab.\nÄrger über Straßenbahnen ist üblich.",
    "es": "El niño comió jamón en la montaña.\n¿Dónde está la estación? ¡Allí!",
    "pt": "A canção não é mais ouvida na região.\nInformações adicionais estão disponíveis.",
    "cs": "Příliš žluťoučký kůň úpěl ďábelské ódy.\nTato dokumentace je úplná.",
    "pl": "Zażółć gęślą jaźń, powiedział ślusarz.\nŁódź leży w środkowej Polsce.",
    "hu": "Árvíztűrő tükörfúrógép a szerkesztőségben.\nŐszintén szólva nem tudom.",
    "ru": "Съешь же ещё этих мягких французских булок.\nИспользование: программа [параметры] файл",
    "uk": "Чуєш їх, доцю, га? Кумедна ж ти, прощайся без ґольфів!\nВикористання: команда [ключі]",
    "el": "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.\nΧρήση: εντολή [επιλογές]",
    "tr": "Pijamalı hasta yağız şoföre çabucak güvendi.\nKullanım: komut [seçenekler]",
    "lt": "Įlinkdama fechtuotojo špaga sublykčiojusi pragręžė apvalų arbūzą.",
    "vi": "Tiếng Việt có nhiều dấu thanh điệu khác nhau.\nTài liệu đầy đủ có tại đây.",
    "ja": "これは日本語のテキストです。\nファイルを開けませんでした。",
    "zh": "这是一个中文句子。\n无法打开文件。",
    "ko": "이것은 한국어 문장입니다.\n파일을 열 수 없습니다.",
    "he": "זהו משפט בעברית.\nלא ניתן לפתוח את הקובץ.",
    "ar": "هذه جملة باللغة العربية.\nتعذر فتح الملف.",
    "en": "He said “it’s fine” — and left… at 5 °C.\nPrices: €5, £3, ¥100.",
}

# (label, charsets that fit the text, encode function)
def mis(text, codec):
    return text.encode("utf-8").decode(codec, errors="strict")


def mis_c1(text, codec):
    # Undefined bytes come through as the C1 control of the same value.
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


DAMAGE = [
    ("cp1252", ["fr", "de", "es", "pt", "cs", "pl", "ru", "el", "ja", "zh", "ko", "he", "ar", "en", "vi"]),
    ("latin_1", ["fr", "de", "es", "ja", "zh", "ko"]),
    ("cp1250", ["cs", "pl", "hu"]),
    ("iso8859_2", ["cs", "pl"]),
    ("cp1251", ["ru", "uk"]),
    ("cp1253", ["el"]),
    ("cp1254", ["tr"]),
    ("cp1257", ["lt"]),
    ("mac_roman", ["fr", "de", "en"]),
    ("cp437", ["de", "es"]),
    ("koi8_r", ["ru"]),
]


def main():
    cases = []
    n = 0

    def add(lang, label, inp, exp):
        nonlocal n
        n += 1
        cases.append({"id": "own-%03d" % n, "lang": lang, "label": label, "input": inp, "expected": exp})

    for lang, t in TEXTS.items():
        add(lang, "clean %s text" % lang, t, t)
    for codec, langs in DAMAGE:
        for lang in langs:
            t = TEXTS[lang]
            add(lang, "utf8-as-%s (%s)" % (codec, lang), mis_c1(t, codec), t)
            if codec in ("cp1252", "cp1251"):
                add(lang, "utf8-as-%s-twice (%s)" % (codec, lang), mis_c1(mis_c1(t, codec), codec), t)
                first, _, rest = t.partition("\n")
                add(lang, "utf8-as-%s-one-paragraph (%s)" % (codec, lang),
                    mis_c1(first, codec) + "\n" + rest, t)
    # A no-break space lost to a plain space.
    t = "Voilà à la fin."
    add("fr", "utf8-as-cp1252-nbsp-lost (fr)", mis_c1(t, "cp1252").replace("\u00a0", " "), t)
    # CESU-8 read as latin-1.
    t = "Smile 😀 please."
    cesu = t.encode("utf-16-le")
    import struct
    units = struct.unpack("<%dH" % (len(cesu) // 2), cesu)
    b = bytearray()
    for u in units:
        if u < 0x80:
            b.append(u)
        elif u < 0x800:
            b += bytes([0xC0 | u >> 6, 0x80 | u & 0x3F])
        else:
            b += bytes([0xE0 | u >> 12, 0x80 | (u >> 6) & 0x3F, 0x80 | u & 0x3F])
    add("en", "cesu8-as-latin1 (en)", bytes(b).decode("latin_1"), t)
    # Clean texts that look a little like mojibake.
    for t in ["Ãlvaro e João foram à praia.", "ÀÉÎÕÜ àéîõü", "Mój dom — «très» „gut“ ‚ok‘",
              "Ні, дякую. Мій дім.", "її, є, ґ — Київ", "d’écrire l’été", "°C ± 5 µm × 3 ÷ 2 ≈ 1",
              "Σ ΑΒΓ αβγ ΆΈΉ", "Ağaç, şeker, İstanbul, ığdır", "Đà Nẵng, Huế, Hà Nội"]:
        add("xx", "clean tricky text", t, t)
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "tests", "data", "normalize", "mojibake.jsonl")
    with open(path, "w") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
