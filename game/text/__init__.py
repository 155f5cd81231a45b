"""The text layer: every sentence a player reads, from the core's facts and the catalogs in
assets/translations (`Words(scenario).say(fact)`), and numbers in the player's words."""
