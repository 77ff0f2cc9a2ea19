"""Demo content for La Boussole: French texts written for the project, loaded by `load_demo_content`."""
