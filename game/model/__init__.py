"""The numpy economic model, vectorised over worlds and labs; imports nothing else of game."""
