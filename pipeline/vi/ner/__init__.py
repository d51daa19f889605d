"""Vietnamese named entities: small components that propose, one that decides.

Evidence components each add proposals to ``doc.spans["ner:<source>"]``
(:mod:`~pipeline.vi.ner.candidates`):

==========================  =====================  ==========================================
factory                     source                 what
==========================  =====================  ==========================================
songngu_ner_crf             crf                    underthesea's 2017 CRF (PER LOC ORG MISC)
songngu_ner_dates           rules:date             DATE with ISO 8601 values
songngu_ner_numbers         rules:number           NUM with values
songngu_ner_titles          rules:title            persons after titles and ranks
songngu_ner_organisations   rules:org              ministries, units, bases, treaties, wars
songngu_ner_classifiers     rules:classifier       names after làng, tỉnh, tờ, nước...
songngu_ner_surnames        rules:surname          Vietnamese full names (Nguyễn Phú Bình)
songngu_ner_gazetteer_cldr  gazetteer:cldr         Babel's CLDR country and region names
songngu_ner_gazetteer       gazetteer:project      the project's TSV gazetteer(s)
songngu_ner_foreign         shape:foreign          names spelled like no Vietnamese syllable
songngu_ner_codes           shape:code             model designations (T-72) as MISC
songngu_ner_spacy           spacy                  a spaCy NER trained with ``songngu train ner``
==========================  =====================  ==========================================

``songngu_ner_merge`` (:mod:`~pipeline.vi.ner.merge`) repairs boundaries,
resolves overlaps by a documented priority and fixes labels from context,
and writes ``doc.ents``. ``songngu_vi_split_names`` (:mod:`~pipeline.vi.ner.split`)
runs first and cuts words that glue a noun to a name ("quân_Azerbaijan").
The word lists are data files under ``pipeline/vi/ner/data/``. Importing
:mod:`pipeline.vi.ner.components` registers every factory (``load_vi`` does).
"""
