"""The Translational and Clinical Research Center: the 18-bed phase 1 unit."""
