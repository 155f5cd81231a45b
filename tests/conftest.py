import os

# Let pygame run without a display or sound card (CI, headless machines).
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# The game speaks the system's language on a first run: the suite runs as on an English system,
# whatever the developer's own locale (the language tests set theirs explicitly).
for _var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"
