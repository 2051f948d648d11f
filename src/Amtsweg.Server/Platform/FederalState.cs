namespace Amtsweg.Server.Platform;

/// <summary>The 16 German federal states; the value is the state's code in the AGS (its first two digits).</summary>
public enum FederalState
{
    SchleswigHolstein = 1,
    Hamburg = 2,
    Niedersachsen = 3,
    Bremen = 4,
    NordrheinWestfalen = 5,
    Hessen = 6,
    RheinlandPfalz = 7,
    BadenWuerttemberg = 8,
    Bayern = 9,
    Saarland = 10,
    Berlin = 11,
    Brandenburg = 12,
    MecklenburgVorpommern = 13,
    Sachsen = 14,
    SachsenAnhalt = 15,
    Thueringen = 16,
}
