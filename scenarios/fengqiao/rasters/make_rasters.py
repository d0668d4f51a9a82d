#!/usr/bin/env python3
"""Write the forest-fire rasters of the south-west pine hills (fuel.asc, density.asc,
elevation.asc), 50 m cells in the map frame (metres east and north of the town centre).

ILLUSTRATIVE, like the map: a smooth hill mass rising to ~380 m between Fenglin, Xi'ao and
Nanshan, clothed in Masson pine with Chinese-fir patches; around each village (its zone radius
R = sqrt(area/pi)) houses at the core (no fuel), farmland to 0.6 R, tea to 0.85 R and bamboo to R;
shrub and grass on the low ground; a one-cell (50 m) forest-fire belt (防火隔离带) cleared along the northern
edge of the hills (y = -4000 m, west of x = -2500 m). Fuel codes and their CA classes are in
engine/model/hazards.rs (ForestFire). Run from this folder: python3 make_rasters.py
"""
import math

X0, Y0, CELL, NX, NY = -8000.0, -10000.0, 50.0, 150, 180
VILLAGES = {  # zone: (x m, y m, area km2), from map.ron
    "fq-fenglin": (-5800.0, -2200.0, 2.3),
    "fq-xiao": (-3400.0, -8300.0, 3.7),
    "fq-nanshan": (-1500.0, -7300.0, 3.4),
    "fq-qiaoting": (-1900.0, -2900.0, 1.6),
}


def elevation(x, y):
    hill = 330.0 * math.exp(-((x + 4800.0) ** 2 / (2 * 1800.0**2) + (y + 5800.0) ** 2 / (2 * 2000.0**2)))
    ripple = 40.0 * math.sin(x / 700.0) * math.cos(y / 900.0)
    return max(40.0, 50.0 + hill + ripple)


def village(x, y):
    """(distance / R) to the nearest village, or None if outside every village radius."""
    best = None
    for vx, vy, area in VILLAGES.values():
        r = math.sqrt(area * 1e6 / math.pi)
        d = math.hypot(x - vx, y - vy) / r
        if d < 1.0 and (best is None or d < best):
            best = d
    return best


def fuel(x, y, e):
    if abs(y + 4000.0) < CELL / 2 and x < -2500.0:
        return 0  # the forest-fire belt
    d = village(x, y)
    if d is not None:
        return 0 if d < 0.25 else 5 if d < 0.6 else 4 if d < 0.85 else 3
    if e > 110.0:
        patch = math.sin(x / 450.0 + 1.3) * math.sin(y / 380.0 - 0.7)
        return 2 if patch > 0.55 else 1
    return 5 if e < 60.0 else 6


def density(f, e):
    if f == 1 and e > 200.0:
        return 2
    return 0 if f in (4, 5) else 1


def write(name, rows, fmt):
    with open(name, "w") as out:
        out.write(f"ncols {NX}\nnrows {NY}\nxllcorner {X0:.1f}\nyllcorner {Y0:.1f}\ncellsize {CELL:.1f}\nNODATA_value -9999\n")
        for row in rows:
            out.write(" ".join(fmt(v) for v in row) + "\n")


def main():
    elev, fuels, dens = [], [], []
    for r in range(NY - 1, -1, -1):  # the first row written is the northernmost
        y = Y0 + (r + 0.5) * CELL
        er, fr, dr = [], [], []
        for c in range(NX):
            x = X0 + (c + 0.5) * CELL
            e = elevation(x, y)
            f = fuel(x, y, e)
            er.append(e)
            fr.append(f)
            dr.append(density(f, e))
        elev.append(er)
        fuels.append(fr)
        dens.append(dr)
    write("elevation.asc", elev, lambda v: f"{v:.1f}")
    write("fuel.asc", fuels, str)
    write("density.asc", dens, str)


if __name__ == "__main__":
    main()
