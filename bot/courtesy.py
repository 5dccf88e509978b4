"""Chat wording around a question: greetings, requests and thanks, taken off before it is read.

People type "hi, can you tell me who runs BA please?" in a chat. The courtesy carries no part of the
question, yet its words are read like any other: "Please" and "I'd" are written as names somewhere in
the store, so the question became one about a firm called Please, and was turned away. Only the
outer wrapping is removed, and only when a question is left.
"""

from __future__ import annotations

import re

_GREETING = r"(?:hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening)|greetings)(?:\s+(?:there|all|team))?"
_FILLER = r"(?:ok(?:ay)?|so|well|also|quick\s+question|one\s+more\s+(?:thing|question)|question)"
_REQUEST = (r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|kindly\s+)?(?:tell|show|give|let)\s+me(?:\s+know)?|"
            r"please\s+(?:tell|show|give|let)\s+me(?:\s+know)?|(?:tell|show|give)\s+me|let\s+me\s+know|"
            r"(?:do|does)\s+(?:you|u|anyone)\s+know|(?:i['’]?d|i\s+would)\s+like\s+to\s+know|"
            r"i\s+(?:want|need|wish)\s+to\s+know|i\s+wonder|i['’]m\s+wondering|i\s+am\s+wondering|any\s+idea|"
            r"please)")
_ASKING = r"(?:what|who|whom|whose|which|when|where|why|how|is|are|was|were|did|does|do|can|could|tell|please|i)\b"
_OPENING = re.compile(rf"^\s*(?:{_GREETING}|{_FILLER})\s*[,!.:;]\s*|^\s*{_GREETING}\s+(?={_ASKING})|^\s*{_REQUEST}\s*[,:]?\s+(?:about\s+)?",
                      re.I)
# (a closing word stands alone: "Malta?", "Delta?" end in no "ta")
_CLOSING = re.compile(r"[\s,]*(?<![\w'’-])(?:please|pls|plz|thanks|thank\s+you|thx|cheers|ta)\s*([.!?]*)\s*$", re.I)
_MARKS = re.compile(r"([?!])[?!]+\s*$")
# Contractions typed without their apostrophe ("arent", "doesnt"): written out, they are read as the
# English they are, not respelt into a stored word ("arent" into "agent").
_CONTRACTED = re.compile(r"\b(are|is|was|were|do|does|did|has|have|had|could|would|should|must|need)nt\b|\b(ca|wo)nt\b",
                         re.I)


def plain_question(text: str) -> str:
    """`text` without the chat wording around it ("hi, can you tell me …, please?"); unchanged when
    nothing would be left of it."""
    plain = text.lower() if sum(c.isalpha() for c in text) > 3 and text == text.upper() else text  # (typed in capitals)
    while True:
        opened = _OPENING.sub("", plain, count=1)
        if opened == plain or not opened.strip():
            break
        plain = opened
    closed = _CLOSING.sub(lambda m: "?" if "?" in m.group(1) else m.group(1).replace("!", "").replace(".", ""),
                          plain, count=1)
    if closed.strip(" ?.!"):
        plain = closed
    plain = _MARKS.sub(r"\1", plain).strip()
    plain = _CONTRACTED.sub(lambda m: f"{m.group(1) or m.group(2)}n't", plain)
    if not plain.strip(" ?.!"):
        return text
    if plain.endswith(".") and re.match(r"\s*(?:what|who|whom|whose|which|when|where|why|how)\b", plain, re.I):
        plain = plain[:-1] + "?"  # "… how many jobs will go." is still a question
    return plain
