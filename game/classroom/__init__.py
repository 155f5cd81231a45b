"""The classroom: result files, debriefs, parallel worlds and the class summary.

Hooks for the desktop game (all pure data or files; nothing here imports pygame):

- `debrief.build_debrief(game) -> Debrief`: everything a debrief screen draws.
- `debrief.write_debrief(game, out_dir) -> list[Path]`: PNG charts, report.html, report.pdf.
- `debrief.open_debrief(game) -> Path`: the end screen's "Debrief" button (found by game.ui.hooks).
- `worlds.parallel_worlds(game, worlds=1000) -> WorldsSummary`: strategy against luck.
- `results.write_result(game, path, player=...)`: the small JSON a teacher collects.
- `facilitator.pause_screen(game) -> PauseScreen`: the facilitator's pause screen content.
"""
