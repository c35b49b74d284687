// DunSim: see ../../../shared/DESIGN.md. The module's types land with their issue.
