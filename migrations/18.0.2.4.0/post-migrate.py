"""18.0.2.4.0: better suggested pictures. A weekend is no longer a holiday (the sun),
and a landlord, tenants and rent go with the house. The shipped pictures are not
updated on upgrade (their records are noupdate, so that an organisation's changes
stay): this changes their English keywords once, only where they are still the ones
shipped before."""

OLD_HOLIDAYS = ("holiday, trip, trips, outing, outings, summer, weekend, weekends, leisure, "
                "break, breaks, beach, sun")
NEW_HOLIDAYS = ("holiday, holidays, trip, trips, outing, outings, summer, leisure, break, "
                "breaks, beach, sun")
OLD_HOME = ("home, homes, house, houses, flat, flats, bedroom, bedrooms, living, tenancy, "
            "tenant, housing")
NEW_HOME = ("home, homes, house, houses, flat, flats, bedroom, bedrooms, living, tenancy, "
            "tenant, tenants, housing, landlord, landlords, rent")


def migrate(cr, version):
    if not version:
        return
    for xmlid, old, new in (("pictogram_holidays", OLD_HOLIDAYS, NEW_HOLIDAYS),
                            ("pictogram_home", OLD_HOME, NEW_HOME)):
        cr.execute("""
            UPDATE coprod_pictogram picture
               SET keywords = jsonb_set(picture.keywords, '{en_US}', to_jsonb(%(new)s::text))
              FROM ir_model_data data
             WHERE data.module = 'coprod' AND data.name = %(xmlid)s
               AND data.model = 'coprod.pictogram' AND data.res_id = picture.id
               AND picture.keywords->>'en_US' = %(old)s
        """, {"xmlid": xmlid, "old": old, "new": new})
