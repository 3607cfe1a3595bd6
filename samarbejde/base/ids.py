"""The ids the program's own logic relies on. Imports nothing: every layer may use it.

A content file names its roles, steps and quadrants by these ids; the session file keys its
answers by them. Changing one breaks every saved session, so they never change.
"""

ROLES = ("kommune", "civilsamfund")

# The quadrants in priority order.
QUADRANT_ORDER = ("raek_ud_foerst", "tal_ind", "gaa_sammen", "hold_oeje")
# The quadrants whose partners the guide says to reach out to: they get an outreach plan.
REACH_OUT = ("raek_ud_foerst", "tal_ind")

# Guide steps that have logic of their own in the program (a module in `steps/`); any other
# step (`dagligdag`, or one a content file adds) is plain text questions. A content file may
# leave out steps, but not those that hold what other commands read (partners, ratings,
# outreach, the checklist).
STEP_MODULES = ("foer", "aktoerer", "prioriter", "raek_ud", "tjekliste")
REQUIRED_STEPS = ("aktoerer", "prioriter", "raek_ud", "tjekliste")

# Where the cursor stands outside the guide's steps; no step may have one of these ids.
START = "start"  # the opening questions: role, organisation, forms, our contact person
EVALUATE = "evaluate"  # an evaluation round
CONTACT = "contact"  # following up one contact
AGREEMENT = "agreement"  # drafting the samarbejdsaftale
PARTNER = "partner"  # one partner added after the first evening (`add-partner`)
OUR_CONTACT = "our_contact"  # our contact person, asked by a command that sends something out
RESERVED_STEPS = (START, EVALUATE, CONTACT, AGREEMENT, PARTNER, OUR_CONTACT)

# A partner's two scores, in the order they are asked.
AXES = ("interest", "influence")

# A step's status.
DONE, STARTED, TODO = "done", "started", "todo"
