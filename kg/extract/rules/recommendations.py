"""Recommendations and whom they address: "should", "must", "urged", "must wait for"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...facts import Fact
from ..cues import GOVERNING_GROUPS, RECOMMENDED, URGED
from .context import _GOVERNMENT, Context
from .phrases import _BOTH, _coordinated, _the_two

_HIGH_TIME = re.compile(r"\bit is (?:high )?time for\s+", re.I)
_PASSIVE = re.compile(r"\s+be\s+\w+ed\b")


_NOT_ADVICE = re.compile(r"\b(?:none of this means|does not mean|doesn't mean|no reason)\b", re.I)


_GOVERNMENT_SUBJECT = re.compile(rf"(?:\b[Tt]he\s+{_GOVERNMENT}\s+(?:(?:also|now|first|still|further)\s+)?|"
                                 rf"\b[Tt]he\s+{_GOVERNMENT}.*,\s+it\s+)$")
_ASIDE = re.compile(r",\s*(?:for (?:its|their|his|her) part|in turn|too|however|meanwhile|for now|"
                    r"in other words|then|therefore|instead)\s*,\s*$", re.I)
_SAYING = re.compile(r"\b(?:said|says|say|argued|argues|warned|warns|wrote|writes|noted|notes|insisted|insists|"
                   r"believes?|added|that)\s+(?:the\s+)?")

# A verb reporting someone's view before a modal: "have argued that", "who say".
_REPORTED_BY = re.compile(r"\b(?:argued|argues?|said|says?|contend(?:s|ed)?|insist(?:s|ed)?|suggest(?:s|ed)?|"
                          r"believe[sd]?|wrote|writes|warn(?:s|ed)|note[sd]|added|maintain(?:s|ed)?|told|"
                          r"claim(?:s|ed)?|stress(?:es|ed)?)\b", re.I)



def _a_state_speaks(ctx: Context, end: int) -> bool:
    """A state or the group governing one named (not as a place) before local offset `end`."""
    return any(ctx.local(m) < end and not m.place and (ctx._type(m.actor) == "State" or m.actor in GOVERNING_GROUPS)
               for m in ctx.mentions)


def _urged(ctx: Context) -> Iterator[Fact]:
    """"The staff also urged the authorities to press ahead with reforms"; "China demanded
    that Pakistan severely punish the perpetrators": the actor after the verb is advised
    ('the authorities' are the government of the state the text is about)."""
    cue = URGED.search(ctx.text)
    if cue is None:
        return
    rest = ctx.text[cue.end():]
    if not cue.group(0).lower().startswith(("demand", "recommend", "direct")) and not re.match(
            r"(?:[\w’'-]+\s+){1,4}?to\s+[a-z]", rest):
        return  # "asked whether …", "pressed ahead": no one is told to do anything
    actor = next((m.actor for m in ctx.actors() if cue.end() - 1 <= ctx.local(m) <= cue.end() + 2), None)
    if actor is None and re.match(_GOVERNMENT, rest):
        actor = ctx.home_state
    if actor is None and cue.group(0).lower().startswith("direct") and re.match(r"(?:[\w’'-]+\s+){1,4}?be\s+\w+", rest):
        actor = ctx.home_state  # "The court directed that compensation be paid": the state in view must pay
    if actor is None:
        return
    ctx.last_addressee = actor
    yield ctx.fact("recommendation", "recommendation", 0.65, "recommended", addressee=actor, text=ctx.text)


def _subjects(ctx: Context, end: int) -> list[str]:
    """The actors before a modal, as a list when coordinated: 'The CIA and the ISI should';
    in reported advice, those after the verb of saying: 'the IMF said Pakistan should'."""
    said = [m.end() for m in _SAYING.finditer(ctx.text, 0, end)]
    start = said[-1] - 1 if said else 0
    before = [m for m in ctx.actors(exclude=frozenset()) if start <= ctx.local(m) < end and (
        ctx._type(m.actor) != "ArmedGroup" or m.actor in GOVERNING_GROUPS)]
    return _coordinated(ctx, [replace(m, actor=GOVERNING_GROUPS[m.actor]) if m.actor in GOVERNING_GROUPS else m
                              for m in before])  # "The Taliban administration must guarantee …" advises Afghanistan


def _no_advice_at(text: str, cue: re.Match[str]) -> bool:
    """A modal that advises no one: in a relative clause ("which must …"), a question
    reported ("what New Delhi and Washington should do"), or an obligation denied
    ("employers will not have to pay")."""
    before = text[:cue.start()]
    return bool(re.search(r"\b(?:that|which)\s+$", before)
                or re.search(r"\b(?:what|how|whether)\s+(?:[\w’'-]+\s+){0,6}$", before)
                or (re.match(r"(?i)(?:has|have|needs?) to", cue.group(0))
                    and re.search(r"(?:\bnot|n[’']t|\bnever|\bno longer)\s+$", before)))


_WAS_WAITING = re.compile(r"\b(?:was|were|had(?:\s+been)?|sat|remained|stayed|lay|stood|languished|"
                          r"spent\s+\w+(?:\s+\w+)?)"
                          r"\s+(?:(?:still|long|idle|there|quietly|for\s+\w+(?:\s+\w+)?)\s+)*$", re.I)
_ENDED = re.compile(r"^[^;]*?\b(?:until|before|when)\s+"
                    r"(?:(?!(?:is|are|will|can|could|be|been|being|has|have|gets?|would|shall|may|must)\b)"
                    r"[\w’'-]+\s+){0,4}?(?:\w+ed|gave|gotten|got|came|went|took|made|won|did|was|were)\b", re.I)


def _past_wait(text: str, cue: re.Match[str]) -> bool:
    """"The deal sat awaiting regulatory approval until the regulator cleared it in May": a wait
    told in the past ('was/sat/remained awaiting …') or ended ('until … cleared') is no
    pending recommendation."""
    return bool(_WAS_WAITING.search(text[:cue.start()]) or _ENDED.match(text[cue.end():]))


def recommendation(ctx: Context) -> Iterator[Fact]:
    """"It should keep CPEC Phase 2 focused on industrial zones"; "It is high time for
    Islamabad to utilise its untapped resources"; "The CIA and the ISI should put …" (two
    addressees); "Both governments need to publish …"; "the gas pipeline project must wait for
    the US sanctions waivers" (pending): a modal of obligation and the actors it binds (the
    subject, or the previous sentence's addressee for 'It …' and passives). Headings and
    negated advice ("None of this means Pakistan should …") are not recommendations."""
    pending = re.search(r"\bmust wait\b|\bwaits? for\b|\bawait(?:s|ing)\b", ctx.text, re.I)
    if pending and _past_wait(ctx.text, pending):
        pending = None
    cue = pending or next((c for c in RECOMMENDED.finditer(ctx.text) if not _no_advice_at(ctx.text, c)), None)
    heading = len(ctx.text.split()) < 8 and not re.search(r"[.!?”\"’)]\s*$", ctx.text)
    if heading or _NOT_ADVICE.search(ctx.text):
        return
    if not cue:
        yield from _urged(ctx)
        return
    addressees: list[str] = []
    high_time = _HIGH_TIME.search(ctx.text)
    if high_time:
        after = [m for m in ctx.actors() if ctx.local(m) >= high_time.end() - 1]
        addressees = [after[0].actor] if after else []
    passive = _PASSIVE.match(ctx.text[cue.end():])
    subject_text = ctx.text[:cue.start()]
    if not addressees and _BOTH.search(subject_text):
        # "The two governments should commission a study on the UAE-India segment": the two
        # states the sentence names, before the last two named in the text
        addressees = _the_two(ctx)
    subject_text = _ASIDE.sub(" ", subject_text)  # "Pakistan, for its part, must avoid …"
    government = _GOVERNMENT_SUBJECT.search(subject_text)
    if not addressees and government and ctx.home_state:
        # "The authorities should …", "if the government cannot …, it should …"
        addressees = [ctx.home_state]
    if not addressees and not passive and not re.search(r"[,;]\s*$", subject_text):
        addressees = _subjects(ctx, cue.start())
    said = [m for m in _REPORTED_BY.finditer(subject_text)]
    if not addressees and said and not _a_state_speaks(ctx, said[-1].start()):
        # "Some members of Congress have argued that arms purchases should be treated …": a third
        # party's advice binds whom it names; an addressee guessed from elsewhere would be invented
        # (a state's own word, "Nepal has said projects must be …", still speaks to its partner)
        return
    if not addressees and (passive or pending) and not re.match(r"\s*(?:It|They)\b", ctx.text) and ctx.home_state:
        # "new tax exemptions must be avoided": advice to the government the text is about
        addressees = [ctx.home_state]
    if not addressees and (re.match(r"\s*(?:It|They)\b", ctx.text) or passive or pending):
        addressees = [ctx.last_addressee] if ctx.last_addressee else []
    if not addressees:
        return
    ctx.last_addressee = addressees[0]
    for addressee in addressees:
        yield ctx.fact("recommendation", "recommendation", 0.7, "pending" if pending else "recommended",
                       addressee=addressee, text=ctx.text)
