"""The seed guide (tests/fixtures/seed_guide.txt) and the content: the wording compared after
normalising, and the corrections the content makes to the seed."""

from __future__ import annotations

import re

# Obvious typos and stray commas of the seed that the content corrects (normalised form).
CORRECTIONS = {
    "forbered dig god": "forbered dig godt",
    "sikre at alle": "sikr at alle",
    "tjek at cheferne": "tjek at cheferne",
    "checklisten": "tjeklisten",
    "resurser": "ressourcer",
    "vær sikker på i er enige internt": "vær sikker på at i er enige internt",
    "at alle ikke arbejder": "at ikke alle arbejder",
    " - ": " – ",
    "post-it seddel": "post-it-seddel",
    "post-it sedler": "post-it-sedler",
    "ombord": "om bord",
}

# The guide lapses into "du" in a few places; the content says "I" throughout.
DU_TO_I = {
    "ønsker du at": "ønsker i at",
    "forbered dig godt": "forbered jer godt",
    "kan du evt": "kan i evt",
    "dit forslag": "jeres forslag",
    "din idé": "jeres idé",
    "din potentielle": "jeres potentielle",
    "dit projekt": "jeres projekt",
    "dine noter": "jeres noter",
}


def normalise(text: str) -> str:
    text = text.replace("**", "").lower()
    text = re.sub(r"[,.;:!?()\"]", " ", text)
    return " ".join(text.split())
