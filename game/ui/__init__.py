"""The desktop game: pygame-ce and pygame_gui on top of the core's `Game`.

This is the only package that imports pygame. It reads the game's state and sends it actions;
every rule lives in game.core. `game.ui.app.run` opens the window.
"""
