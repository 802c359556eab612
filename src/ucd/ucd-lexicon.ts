/**
 * Phrases astronomers use in column names and descriptions, and the UCD words they stand for.
 * Used by the text suggester before it falls back to matching the list's own descriptions.
 * Patterns run on the text as written, `_` read as a space (column names are case-significant: `Vmag`, `e_RA`).
 */

export interface LexiconEntry {
  pattern: RegExp;
  /** The word(s) the phrase stands for, in order. */
  words: string[];
  /** A short name of the phrase, for the reasons shown to the user. */
  phrase: string;
}

/** Quantities: the first word of a UCD. More specific entries come first. */
export const QUANTITIES: readonly LexiconEntry[] = [
  { pattern: /\b(?:B-V|B_V|BmV)\b|\bB\s*-\s*V\b/, words: ['phot.color', 'em.opt.B', 'em.opt.V'], phrase: 'B-V colour' },
  { pattern: /\b(?:U-B|UmB)\b/, words: ['phot.color', 'em.opt.U', 'em.opt.B'], phrase: 'U-B colour' },
  { pattern: /\b(?:V-I|VmI)\b/, words: ['phot.color', 'em.opt.V', 'em.opt.I'], phrase: 'V-I colour' },
  { pattern: /\b(?:J-K|JmK)\b/, words: ['phot.color', 'em.IR.J', 'em.IR.K'], phrase: 'J-K colour' },
  { pattern: /\b(?:J-H|JmH)\b/, words: ['phot.color', 'em.IR.J', 'em.IR.H'], phrase: 'J-H colour' },
  { pattern: /\b(?:H-K|HmK)\b/, words: ['phot.color', 'em.IR.H', 'em.IR.K'], phrase: 'H-K colour' },
  { pattern: /colou?r excess|\bE\(B-V\)|\bEBV\b/i, words: ['phot.color.excess'], phrase: 'colour excess' },
  { pattern: /colou?r index|\bcolou?r\b/i, words: ['phot.color'], phrase: 'colour' },
  { pattern: /\bpm_?RA\b|\bpmra\b|proper motion in (?:RA|right ascension)/i, words: ['pos.pm', 'pos.eq.ra'], phrase: 'proper motion in RA' },
  { pattern: /\bpm_?DE(?:C)?\b|\bpmdec\b|proper motion in (?:Dec|declination)/i, words: ['pos.pm', 'pos.eq.dec'], phrase: 'proper motion in Dec' },
  { pattern: /proper motion|\bpm\b/i, words: ['pos.pm'], phrase: 'proper motion' },
  { pattern: /\bRA(?:J2000|ICRS|deg)?\b|right ascension/i, words: ['pos.eq.ra'], phrase: 'right ascension' },
  { pattern: /\bDE(?:C|J2000|ICRS)?\b|declination/i, words: ['pos.eq.dec'], phrase: 'declination' },
  { pattern: /\bGLON\b|galactic longitude/i, words: ['pos.galactic.lon'], phrase: 'galactic longitude' },
  { pattern: /\bGLAT\b|galactic latitude/i, words: ['pos.galactic.lat'], phrase: 'galactic latitude' },
  { pattern: /\bELON\b|ecliptic longitude/i, words: ['pos.ecliptic.lon'], phrase: 'ecliptic longitude' },
  { pattern: /\bELAT\b|ecliptic latitude/i, words: ['pos.ecliptic.lat'], phrase: 'ecliptic latitude' },
  { pattern: /\bplx\b|parallax/i, words: ['pos.parallax.trig'], phrase: 'parallax' },
  { pattern: /position angle|\bPA\b|\bposang\b/i, words: ['pos.posAng'], phrase: 'position angle' },
  { pattern: /angular (?:distance|separation)|separation|\bsep\b|\bdist(?:ance)? (?:to|from) (?:the )?(?:centre|center|source)/i, words: ['pos.angDistance'], phrase: 'angular distance' },
  { pattern: /healpix/i, words: ['pos.healpix'], phrase: 'HEALPix' },
  { pattern: /\bdist(?:ance)?\b/i, words: ['pos.distance'], phrase: 'distance' },
  { pattern: /radial velocity|\bRV\b|\bHRV\b|\bvrad\b/i, words: ['spect.dopplerVeloc.opt'], phrase: 'radial velocity' },
  { pattern: /v\s*sin\s*i|rotational velocity|rotation velocity/i, words: ['phys.veloc.rotat'], phrase: 'rotational velocity' },
  { pattern: /velocity dispersion|\bsigma_?v\b/i, words: ['phys.veloc.dispersion'], phrase: 'velocity dispersion' },
  { pattern: /velocity|\bveloc\b/i, words: ['phys.veloc'], phrase: 'velocity' },
  { pattern: /photometric redshift|\bz_?phot\b|\bphotoz\b/i, words: ['src.redshift.phot'], phrase: 'photometric redshift' },
  { pattern: /redshift|\bz(?:_?spec)?\b/i, words: ['src.redshift'], phrase: 'redshift' },
  { pattern: /\bT_?eff\b|effective temperature/i, words: ['phys.temperature.effective'], phrase: 'effective temperature' },
  { pattern: /temperature|\btemp\b/i, words: ['phys.temperature'], phrase: 'temperature' },
  { pattern: /\blog_?g\b|surface gravity/i, words: ['phys.gravity'], phrase: 'surface gravity' },
  { pattern: /\[Fe\/H\]|\bFeH\b|iron abundance/i, words: ['phys.abund.Fe'], phrase: 'iron abundance' },
  { pattern: /metallicity|\[M\/H\]/i, words: ['phys.abund.Z'], phrase: 'metallicity' },
  { pattern: /abundance/i, words: ['phys.abund'], phrase: 'abundance' },
  { pattern: /spectral type|\bSpType\b|\bSp\b/i, words: ['src.spType'], phrase: 'spectral type' },
  { pattern: /equivalent width|\bEW\b/i, words: ['spect.line.eqWidth'], phrase: 'equivalent width' },
  { pattern: /spectral resolution|resolving power/i, words: ['spect.resolution'], phrase: 'spectral resolution' },
  { pattern: /wavelength|\blambda\b|\bwl\b/i, words: ['em.wl'], phrase: 'wavelength' },
  { pattern: /frequency|\bfreq\b/i, words: ['em.freq'], phrase: 'frequency' },
  { pattern: /surface brightness/i, words: ['phot.mag.sb'], phrase: 'surface brightness' },
  { pattern: /absolute magnitude|\babsmag\b|\bM_?[UBVRIJHKG]\b/i, words: ['phys.magAbs'], phrase: 'absolute magnitude' },
  { pattern: /bolometric magnitude/i, words: ['phot.mag.bol'], phrase: 'bolometric magnitude' },
  { pattern: /distance modulus|\bDM\b/, words: ['phot.mag.distMod'], phrase: 'distance modulus' },
  { pattern: /magnitude|\b[A-Za-z]{0,3}mag\b|\bmag_?[A-Za-z]{1,3}\b/i, words: ['phot.mag'], phrase: 'magnitude' },
  { pattern: /flux density|\bS_?\d+(?:\.\d+)?\s*(?:GHz|MHz)?\b|\bFnu\b/i, words: ['phot.flux.density'], phrase: 'flux density' },
  { pattern: /count rate|\brate\b/i, words: ['phot.count'], phrase: 'count rate' },
  { pattern: /counts|\bcts\b/i, words: ['phot.count'], phrase: 'counts' },
  { pattern: /\bflux\b|\bfluxes\b/i, words: ['phot.flux'], phrase: 'flux' },
  { pattern: /extinction|\bA_?V\b|absorption/i, words: ['phys.absorption'], phrase: 'extinction' },
  { pattern: /luminosity|\blum\b/i, words: ['phys.luminosity'], phrase: 'luminosity' },
  { pattern: /\bmass\b|\bM_?sun\b/i, words: ['phys.mass'], phrase: 'mass' },
  { pattern: /\bage\b/i, words: ['time.age'], phrase: 'age' },
  { pattern: /semi-?major axis|\bsma\b/i, words: ['phys.size.smajAxis'], phrase: 'semi-major axis' },
  { pattern: /semi-?minor axis/i, words: ['phys.size.sminAxis'], phrase: 'semi-minor axis' },
  { pattern: /\bFWHM\b|angular size|apparent (?:size|diameter)/i, words: ['phys.angSize'], phrase: 'angular size' },
  { pattern: /radius/i, words: ['phys.size.radius'], phrase: 'radius' },
  { pattern: /diameter/i, words: ['phys.size.diameter'], phrase: 'diameter' },
  { pattern: /column density|\bN_?H\b/i, words: ['phys.columnDensity'], phrase: 'column density' },
  { pattern: /density/i, words: ['phys.density'], phrase: 'density' },
  { pattern: /magnetic field/i, words: ['phys.magField'], phrase: 'magnetic field' },
  { pattern: /polari[sz]ation/i, words: ['phys.polarization'], phrase: 'polarisation' },
  { pattern: /eccentricity|\becc\b/i, words: ['src.orbital.eccentricity'], phrase: 'eccentricity' },
  { pattern: /inclination|\bincl?\b/i, words: ['src.orbital.inclination'], phrase: 'inclination' },
  { pattern: /amplitude|\bampl?\b/i, words: ['src.var.amplitude'], phrase: 'amplitude' },
  { pattern: /rotation period/i, words: ['time.period.rotation'], phrase: 'rotation period' },
  { pattern: /period|\bPer\b/i, words: ['time.period'], phrase: 'period' },
  { pattern: /exposure time|integration time|\bexptime\b|\bt_?exp\b/i, words: ['time.duration', 'obs.exposure'], phrase: 'exposure time' },
  { pattern: /duration/i, words: ['time.duration'], phrase: 'duration' },
  { pattern: /\b(?:M?JD|epoch|date|time of (?:the )?observation|obs(?:ervation)? date|date-obs)\b/i, words: ['time.epoch'], phrase: 'epoch' },
  { pattern: /airmass|air mass/i, words: ['obs.airMass'], phrase: 'airmass' },
  { pattern: /seeing/i, words: ['instr.obsty.seeing'], phrase: 'seeing' },
  { pattern: /signal[- ]to[- ]noise|\bS\/?N\b|\bSNR\b/i, words: ['stat.snr'], phrase: 'signal-to-noise ratio' },
  { pattern: /chi-?2|chi-?square/i, words: ['stat.fit.chi2'], phrase: 'chi-square' },
  { pattern: /probability|\bprob\b/i, words: ['stat.probability'], phrase: 'probability' },
  { pattern: /number of|\bN_?obs\b|\bn_?[a-z]+s\b|\bcount of\b/i, words: ['meta.number'], phrase: 'number of' },
  { pattern: /bibcode|\bref(?:erence)?\b/i, words: ['meta.bib.bibcode'], phrase: 'bibliographic reference' },
  { pattern: /quality flag|\bq_?flag\b|\bqual(?:ity)?\b/i, words: ['meta.code.qual'], phrase: 'quality flag' },
  { pattern: /\bflag\b|\bcode\b/i, words: ['meta.code'], phrase: 'flag' },
  { pattern: /classification|\bclass\b|object type|\botype\b/i, words: ['src.class'], phrase: 'class' },
  { pattern: /\bURL\b|access ?url|link/i, words: ['meta.ref.url'], phrase: 'URL' },
  { pattern: /mime|content type|format/i, words: ['meta.code.mime'], phrase: 'MIME type' },
  { pattern: /\bfilter\b|\bband(?:pass)?\b name/i, words: ['instr.bandpass'], phrase: 'band name' },
  { pattern: /\bname\b|\bID\b|identifier|designation|\bobjid\b/i, words: ['meta.id'], phrase: 'identifier' },
];

/** Bands, as column-name letters (case-significant) or words. */
export const BANDS: readonly LexiconEntry[] = [
  { pattern: /\bU(?=mag\b|\b|[_ -]?band)|\bmag_?U\b|\bU[- ]band\b/, words: ['em.opt.U'], phrase: 'U band' },
  { pattern: /\bB(?=mag\b)|\bmag_?B\b|\bB[- ]band\b|\bB magnitude\b|\bblue\b/, words: ['em.opt.B'], phrase: 'B band' },
  { pattern: /\bV(?=mag\b)|\bmag_?V\b|\bV[- ]band\b|\bvisual\b|\bV magnitude\b|\bthe V\b/, words: ['em.opt.V'], phrase: 'V band' },
  { pattern: /\bR(?=mag\b)|\bmag_?R\b|\bR[- ]band\b|\bR magnitude\b/, words: ['em.opt.R'], phrase: 'R band' },
  { pattern: /\bI(?=mag\b)|\bmag_?I\b|\bI[- ]band\b|\bI magnitude\b/, words: ['em.opt.I'], phrase: 'I band' },
  { pattern: /\bJ(?=mag\b)|\bmag_?J\b|\bJ[- ]band\b|\bJ magnitude\b/, words: ['em.IR.J'], phrase: 'J band' },
  { pattern: /\bH(?=mag\b)|\bmag_?H\b|\bH[- ]band\b|\bH magnitude\b/, words: ['em.IR.H'], phrase: 'H band' },
  { pattern: /\bKs?(?=mag\b)|\bmag_?Ks?\b|\bKs?[- ]band\b|\bKs? magnitude\b/, words: ['em.IR.K'], phrase: 'K band' },
  { pattern: /\b(?:Gaia )?G(?=mag\b)|\bGaia G\b|\bG[- ]band\b/, words: ['em.opt'], phrase: 'Gaia G band' },
  { pattern: /\b(?:1\.4|1400)\s*(?:GHz|MHz)\b|\b(?:20|21)\s*cm\b/i, words: ['em.radio.750-1500MHz'], phrase: '1.4 GHz' },
  { pattern: /\bradio\b/i, words: ['em.radio'], phrase: 'radio' },
  { pattern: /x-?ray/i, words: ['em.X-ray'], phrase: 'X-ray' },
  { pattern: /\bultraviolet\b|\bUV\b|\bNUV\b|\bFUV\b/i, words: ['em.UV'], phrase: 'ultraviolet' },
  { pattern: /\binfrared\b|\bIR\b/i, words: ['em.IR'], phrase: 'infrared' },
  { pattern: /\boptical\b/i, words: ['em.opt'], phrase: 'optical' },
  { pattern: /\bgamma\b/i, words: ['em.gamma'], phrase: 'gamma rays' },
  { pattern: /H-?alpha|\bHa\b/i, words: ['em.line.Halpha'], phrase: 'H-alpha line' },
  { pattern: /H-?beta|\bHb\b/i, words: ['em.line.Hbeta'], phrase: 'H-beta line' },
  { pattern: /\bHI\b|21 ?cm line/, words: ['em.line.HI'], phrase: 'HI line' },
];

/** Words that qualify the quantity: frames, statistics, context. */
export const QUALIFIERS: readonly LexiconEntry[] = [
  { pattern: /heliocentric/i, words: ['pos.heliocentric'], phrase: 'heliocentric' },
  { pattern: /barycentric|barycenter|barycentre/i, words: ['pos.barycenter'], phrase: 'barycentric' },
  { pattern: /geocentric/i, words: ['pos.geocentric'], phrase: 'geocentric' },
  { pattern: /galactocentric/i, words: ['pos.galactocentric'], phrase: 'galactocentric' },
  { pattern: /\bLSR\b|local standard of rest/i, words: ['pos.lsr'], phrase: 'LSR' },
  { pattern: /\bmean\b|\baverage\b|\bavg\b/i, words: ['stat.mean'], phrase: 'mean' },
  { pattern: /\bmedian\b/i, words: ['stat.median'], phrase: 'median' },
  { pattern: /\bmax(?:imum)?\b|\bpeak\b/i, words: ['stat.max'], phrase: 'maximum' },
  { pattern: /\bmin(?:imum)?\b/i, words: ['stat.min'], phrase: 'minimum' },
  { pattern: /\bfit(?:ted)?\b/i, words: ['stat.fit'], phrase: 'fit' },
  { pattern: /\bmodel(?:led)?\b/i, words: ['meta.modelled'], phrase: 'modelled' },
  { pattern: /\b(?:J2000|ICRS|main|primary|catalogue position)\b/i, words: ['meta.main'], phrase: 'main position' },
  { pattern: /\bsource\b|\bobject\b|\bstar\b/i, words: ['src'], phrase: 'source' },
  { pattern: /\bobservations?\b|\bobserved\b|\bobs\b/i, words: ['obs'], phrase: 'observation' },
];

/** Statistical wrappers: they take the first place and the quantity follows (`stat.error;phot.mag`). */
export const WRAPPERS: readonly LexiconEntry[] = [
  { pattern: /^[eE] (?=\S)|\berr(?:or)?s?\b|uncertaint|\bsigma\b|\bsig\b/i, words: ['stat.error'], phrase: 'error' },
  { pattern: /standard deviation|\bstdev\b|\bstd\b/i, words: ['stat.stdev'], phrase: 'standard deviation' },
];
