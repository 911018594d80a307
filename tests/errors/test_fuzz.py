"""Fuzzing, bounded for CI: the parser never raises on any text, and reading a statement file
from any bytes gives a SourceDocument or an ArchiveError with a message, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.content.read import FRONT_MATTER_SCHEMA, SourceDocument, parse_statement_file
from archive.errors import ArchiveError
from archive.extract import parse_text
from archive.model import PeopleDirectory

BOUNDED = settings(
    max_examples=150,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every CI run: a failure is reproducible
)

#: Text that looks like what the parser reads: dates, resolutions, names, headers, junk.
WORDS = st.sampled_from(
    [
        "September 12, 2017",
        "12 September 2017",
        "2017-09-12",
        "Sept. 31, 2017",
        "resolution 2397",
        "S/RES/2375 (2017)",
        "resolutions 2371, 2375 and 2397",
        "Kim Song",
        "Choe Son-hui",
        "Foreign Minister",
        "(Translation)",
        "Share",
        "Tweet",
        "PYONGYANG, Sept. 12 (KCNA) --",
        "By",
        "|",
        "---",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\u3000",
        "\u2028",
        "\x00",
        "北朝鮮",
        "<script>",
        "0",
        "99999999999999999999",
        "",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join),
)


@BOUNDED
@given(TEXTS, st.integers(min_value=1, max_value=50))
def test_parser_never_raises(text: str, first_line: int) -> None:
    parse_text(text, PeopleDirectory(), first_line=first_line)


SCALARS = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.sampled_from(["2017-13-01", "2017-02-31", "2999-01-01", "kim-song", "../x", "[", "{"]),
)
KEYS = st.one_of(st.sampled_from(sorted(FRONT_MATTER_SCHEMA)), st.text(max_size=10))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


def yaml_line(key: str, value: object) -> str:
    return f"{key}: {value!r}\n" if not isinstance(value, str) else f"{key}: {value}\n"


FRONT_MATTER = st.lists(st.tuples(KEYS, VALUES), max_size=6).map(
    lambda pairs: "---\n" + "".join(yaml_line(k, v) for k, v in pairs) + "---\nText.\n"
)
FILES = st.one_of(
    st.binary(max_size=300),
    FRONT_MATTER.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.tuples(FRONT_MATTER, st.binary(max_size=40)).map(
        lambda parts: parts[0].encode("utf-8", "surrogatepass") + parts[1]
    ),
)


@BOUNDED
@given(FILES)
def test_reading_any_bytes_gives_a_document_or_an_archive_error(raw: bytes) -> None:
    try:
        document = parse_statement_file(raw, "content/statements/fuzz.md")
    except ArchiveError as error:
        message = str(error)
        assert message.startswith("content/statements/fuzz.md")
        assert "Traceback" not in message
        return
    assert isinstance(document, SourceDocument)
    assert document.text.strip()
