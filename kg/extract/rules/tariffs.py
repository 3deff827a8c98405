"""Tariff changes: who imposes what rate on whose goods, and from what rate."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts import Fact
from ..mentions import Mention
from .context import _PERCENT, Context
from .phrases import _GOODS

_TARIFF_WORD = re.compile(r"\btariffs?\b|\bduty\b|\bduties\b|\blevy\b|\blevies\b", re.I)
_RATE = re.compile(rf"(?P<lead>\b(?:from|to|of|at|down from|up from|ranging from|between|and)\s+(?:the\s+|a\s+)?)?"
                   rf"{_PERCENT}")


# "on 98 per cent of its tariff lines", "95% of goods traded": a share of trade, not a rate
_COVERAGE = re.compile(rf"{_PERCENT}\s+of\s+(?:(?:its|their|the|all|[A-Z][a-z]+[’']s)\s+)?"
                       rf"(?:[\w-]+\s+)?(?:tariff\s+lines|lines|goods|exports|imports|products|trade)\b", re.I)
# "and 85 per cent will become duty-free": a share again, told by what becomes of it
_GOING_FREE = re.compile(rf"{_PERCENT}(?=\s+(?:[\w-]+\s+){{0,4}}(?:duty|tariff)-free\b)", re.I)
_TO_NIL = re.compile(r"\b(?:remov\w*|eliminat\w*|abolish\w*|scrap\w*|zero|duty-free|tariff-free)\b", re.I)


def _rates(ctx: Context, around: int) -> tuple[float | None, float] | None:
    """(from, to) of the tariff whose word is at `around`: 'from 29% to 19%', 'to 19% from
    29%', 'a 19% tariff … down from 29%', 'tariffs of 19%'. Ranges are not changes."""
    clause_start = max(ctx.text.rfind(";", 0, around), 0)
    clause_end = ctx.text.find(";", around)
    clause = ctx.text[clause_start:clause_end if clause_end > 0 else len(ctx.text)]
    if re.search(r"\branging\b|\bbetween\s+\d+(?:\.\d+)?\s?%", clause):
        return None
    # "remove duties on 98 per cent of its tariff lines": that percent is how much trade is
    # covered, not a rate; the rate is nil where duties go ("remove", "duty-free")
    shares = {m.start(1) for p in (_COVERAGE, _GOING_FREE) for m in p.finditer(clause)}
    from_rate = to_rate = None
    for match in _RATE.finditer(clause):
        if match.start(2) in shares:
            continue
        value = float(match.group(2))
        lead = (match.group("lead") or "").strip().lower()
        if "from" in lead:
            from_rate = from_rate if from_rate is not None else value
        elif lead.startswith(("to", "at")) or to_rate is None:  # "stood at 50%, up from 25%"
            to_rate = value
    if to_rate is None and shares and _TO_NIL.search(clause):
        to_rate = 0.0
    if to_rate is None or (from_rate is not None and from_rate == to_rate):
        return None
    return from_rate, to_rate


_IMPOSING_NOUN = re.compile(r"\s+(?:tariffs?|dut(?:y|ies)|levies|levy|government|administration|officials|"
                            r"authorities|side|customs)\b")


# "was hit with a 37 percent tariff", "faces a 26% tariff": the subject is whose goods are taxed
_TAXED = re.compile(r"\b(?:(?:was|were|is|are|been|being)\s+(?:hit|slapped|handed)\s+with|faces?|facing)\s+(?:an?\s+)?")
# A rate told of right after a tariff, without the word: "Washington set the rate at 20 percent",
# "lifting the combined rate to 50%", "Bangladesh secured 20 per cent, down from 37 per cent".
_TARIFF_ANAPHOR = re.compile(rf"\bthe\s+(?:(?:combined|new|overall|effective|reciprocal|final|headline|"
                             rf"tariff|duty)\s+)?rate\b(?!\s+of\b)|\b(?:secured|got|won|obtained|received)\s+(?:an?\s+)?"
                             rf"(?:rate\s+of\s+)?{_PERCENT}")
# "… and 26 per cent on Indian goods": a further rate for a further target
_FURTHER_RATE = re.compile(rf"\b(?:and|while)\s+(?:a\s+)?{_PERCENT}\s+(?:\w+\s+)?(?:on|for|against)\s+"
                           rf"(?:imports\s+from\s+)?(?:the\s+)?")


def _tariff_target(ctx: Context, states: list[Mention]) -> str | None:
    """Whose goods: 'Pakistani goods', 'on Pakistan', 'imports from India', 'its exports',
    'Bangladesh … was hit with a 37 percent tariff'."""
    for m in states:
        after = ctx.text[ctx.local(m) + len(m.text):ctx.local(m) + len(m.text) + 25]
        before = ctx.text[max(0, ctx.local(m) - 25):ctx.local(m)]
        if _GOODS.match(after.strip(" ’'s")) or re.search(
                r"\b(?:on|against|from)\s+(?:the\s+)?$", before):
            return m.actor
    if re.search(r"\bon its (?:goods|exports|products)\b", ctx.text):
        subjects = [m for m in states if not m.demonym]
        return subjects[0].actor if subjects else None
    taxed = _TAXED.search(ctx.text)
    subject = next((m for m in states if taxed and ctx.local(m) < taxed.start() and not m.demonym), None)
    return subject.actor if subject is not None and not subject.possessive else None


def tariff_change(ctx: Context) -> Iterator[Fact]:
    """"a trade deal with the US, which lowered tariffs from 29% to 19% on Pakistani goods";
    "the US cut its tariff on Pakistani goods to 19% from 29%"; "secured a 19% US tariff on
    its exports": a tariff word, rates in percent, the target (whose goods) and the imposer
    (another state). Ranges ("tariffs ranging from 19% to 20%") and money ("$3bn to $10bn")
    are not changes. Right after a tariff, "the rate" and "X secured 20%" are about it too."""
    trigger = _TARIFF_WORD.search(ctx.text)
    previous = ctx.last_tariff
    anaphor = trigger is None and previous is not None and _TARIFF_ANAPHOR.search(ctx.text)
    trigger = trigger or anaphor or None
    if not trigger:
        return
    rates = _rates(ctx, trigger.start())
    if rates is None:
        return
    states = [m for m in ctx.mentions if ctx._type(m.actor) == "State"]
    target = _tariff_target(ctx, states)
    if anaphor and target is None:
        # "Washington set the rate at 20 percent": the imposer again, the same target;
        # "Bangladesh secured 20 per cent": a new target of the same imposer
        subject = next((m.actor for m in states if ctx.local(m) < trigger.start() and not m.demonym), None)
        target = previous.roles["target"] if subject in (None, previous.roles["imposer"]) else subject
    # a demonym imposes only as 'American tariffs' or 'the American government', not as 'Russian oil'
    imposers = [m.actor for m in states if m.actor != target and not m.possessive
                and not (m.demonym and not _IMPOSING_NOUN.match(ctx.text, ctx.local(m) + len(m.text)))]
    if not imposers:  # "Trump doubled the tariff …": a head of government imposes for his state
        imposers = [ctx.gazetteer.entities[m.slug].citizen_of for m in ctx.mentions
                    if m.type == "Person" and ctx.local(m) < trigger.start()
                    and ctx.gazetteer.entities[m.slug].citizen_of not in (None, target)]
    if not imposers and re.search(r"\b(?:the|this|that)\s+(?:administration|government|White House)\b",
                                  ctx.text[:trigger.start()]):
        # "the administration imposed a 25% tariff": the government the text last named
        imposers = [state for state in reversed(ctx.recent_states) if state != target][:1]
    if not imposers:  # "The European Union raised duties on Chinese electric vehicles": a customs union
        imposers = [m.actor for m in ctx.mentions if ctx.local(m) < trigger.start() and not m.possessive
                    and ctx._type(m.actor) == "InternationalGroup"][:1]
    if not imposers and anaphor and previous.roles["imposer"] != target:
        imposers = [previous.roles["imposer"]]
    if not imposers and _TAXED.search(ctx.text):
        # "India faces a duty of 50% on its exports to the American market": the other state named;
        # "Bangladesh was hit with a 37 percent tariff": else the state the text just named
        imposers = [m.actor for m in states if m.actor != target][:1] or [
            state for state in reversed(ctx.recent_states) if state != target][:1]
    if target is None or not imposers:
        return
    if rates[0] is None and re.search(r"\bdoubl\w*", ctx.text):
        rates = (rates[1] / 2, rates[1])  # "doubled … to 50%" was 25%
    if rates[0] is None and anaphor and target == previous.roles["target"] and previous.roles["toRate"] != rates[1]:
        rates = (previous.roles["toRate"], rates[1])  # "lifting the combined rate to 50%" from the 25% just told
    goods = re.search(r"\b(?:on\s+)?((?:\w+\s+){0,2}(?:goods|exports|imports|products|textiles))\b", ctx.text)
    modality = ctx.modality_at(trigger.start())
    yield ctx.fact("tariff", "tariff_change", 0.85, modality,
                   imposer=imposers[0], target=target, fromRate=rates[0], toRate=rates[1],
                   goods=goods.group(1) if goods else None)
    for further in _FURTHER_RATE.finditer(ctx.text, trigger.end()):
        other = next((m for m in states if 0 <= ctx.local(m) - further.end() <= 1), None)
        if other is not None and other.actor not in (target, imposers[0]) and (
                not other.demonym or _GOODS.match(ctx.text, ctx.local(other) + len(other.text) + 1)):
            yield ctx.fact("tariff", "tariff_change", 0.75, modality, imposer=imposers[0], target=other.actor,
                           toRate=float(further.group(1)))
