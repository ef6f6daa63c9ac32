"""Someone other than the submitter to contact about the work (a lead, a second contact) is
private like the submitter: never published, not even in `unpublished`, and removed from every
answer, however the return names them."""

from __future__ import annotations

import json

import pytest

from wres_convert.run.convert import convert_bytes
from wres_convert.writers.jsonout import case_study_dict

HEAD = """Organisation name: Example NHS Trust
Your name and job title: Jane Smith, EDI Lead
Contact details: jane.smith@nhs.net

Which WRES indicators has your organisation improved on? Please provide details of the progress made.

Indicator 5: harassment fell from 30% to 25%. Amara Okafor led the analysis.

Please describe your WRES initiative, its aims and any outcomes so far.

We trained managers. Ask Amara Okafor on 01632 960999 for the slides.

"""
TAIL = """What challenges or barriers have you had to overcome to achieve this progress?

Time.

What learning could other organisations take from your example?

Start early.
"""
PRIVATE = ("Okafor", "amara.okafor", "960999", "Smith", "jane.smith")

WAYS = {
    "a question the pack knows by its cues": "Who should people contact about this work?\n\nDr Amara Okafor, Deputy Director, amara.okafor@nhs.net, 01632 960999\n\n",
    "a label on the same line": "Lead contact: Dr Amara Okafor, amara.okafor@nhs.net, 01632 960999\n\n",
    "a question no template lists, answered with contact details": "Is there anyone else we could ask about the data?\n\nDr Amara Okafor, amara.okafor@nhs.net, 01632 960999\n\n",
    "a sentence in an answer": "",
}


@pytest.mark.parametrize("way", list(WAYS))
def test_another_contact_is_never_published(way: str) -> None:
    extra = WAYS[way]
    tail = TAIL
    if not extra:  # the lead named in a sentence at the end of the learning answer
        tail += (
            "\nThe lead for this work is our analyst, Dr Amara Okafor (amara.okafor@nhs.net, 01632 960999).\n"
        )
    cs = convert_bytes((HEAD + extra + tail).encode(), "return.txt")
    out = json.dumps(case_study_dict(cs))
    for private in PRIVATE:
        assert private not in out, (way, private)
    assert cs.mapping.fields.get("other_contact")  # read, and kept for scrubbing only
    assert "Start early." in out and "We trained managers." in out
