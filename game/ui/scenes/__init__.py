"""The screens of the desktop game: menu, new campaign, load, settings, sources, play, end."""
