"""The flows a user walks through: the wizard, an evaluation round, the samarbejdsaftale, a
contact, the share questions. Each is its specs on the runner."""
